using System.Text.Json.Nodes;
using Kubedos.Engine.Automation;
using Kubedos.Enrollment.Audit;
using Kubedos.Operations.Drills;
using Kubedos.Operations.Runbooks;
using Kubedos.Spec.Normalisation;
using Kubedos.Testing;
using Xunit.Abstractions;

namespace Kubedos.Infra.Tests.Lab;

/// <summary>
/// <c>kubedos runbook rotate</c> on lab-01 (through enrollment, the gates on): every WireGuard key renewed one node at a
/// time with every gate passing between steps and no old key left peered anywhere, then every node's certificate renewed
/// by enrolling again; the operations log's chain holds and the sealed bundle carries the reports.
/// </summary>
[Collection(nameof(LabCollection))]
public sealed class RotateLabTests(ITestOutputHelper output)
{
    [LabFact("ip", "nft", "wg", "wireguard-go", "sshd", "ssh", "ssh-keygen", "ssh-keyscan", "nc", "ping", "useradd", "dotnet")]
    public async Task Rotate_OnLab01_RenewsEveryKeyOneNodeAtATime_GatesPassBetweenSteps_OldKeysPeerNowhere()
    {
        await using var project = LabProject.CreateThroughEnrollment("lab-01", "lab-01.yaml");
        var (first, _) = await project.UpAsync();
        Assert.Equal("passed", first.Outputs["acceptance"].Value.AsString());
        var cluster = project.Cluster("lab-01.yaml");
        var stack = await project.StackAsync();
        var before = await FactsAsync(stack, cluster);
        var oldKeys = before.SelectMany(f => f.PlaneKeys.Values).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(cluster.Nodes.Count * cluster.Planes.Count, oldKeys.Count);

        // WireGuard, through the CLI verb.
        var (exitCode, cli) = project.RunCli("runbook", "rotate", "--stack", project.Stack, "--what", "wireguard", "--json");
        Assert.True(exitCode == 0, cli);
        var wireguard = JsonNode.Parse(cli.Trim().Split('\n')[^1])!["runbook"]!;
        Assert.Equal("passed", wireguard["verdict"]!.GetValue<string>());
        var steps = wireguard["steps"]!.AsArray();
        Assert.Equal([.. cluster.Nodes.Select(n => n.Name), "operator"], steps.Select(s => s!["subject"]!.GetValue<string>()));
        Assert.All(steps, s => Assert.All(s!["gates"]!.AsObject(), g => Assert.Equal("passed", g.Value!.GetValue<string>())));
        foreach (var step in steps)
        {
            output.WriteLine($"wireguard {step!["subject"]}: {step["seconds"]} s");
        }

        var afterWireGuard = await FactsAsync(stack, cluster);
        var newKeys = afterWireGuard.SelectMany(f => f.PlaneKeys.Values).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(newKeys.Intersect(oldKeys));
        var rendered = Directory.EnumerateFiles(Path.Combine(project.OutDirectory, "rendered"), "wg*.conf", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();
        Assert.DoesNotContain(rendered, text => oldKeys.Any(k => text.Contains(k, StringComparison.Ordinal)));
        var live = await project.LivePeersAsync(cluster);
        Assert.Empty(live.Intersect(oldKeys));
        Assert.Subset(live, newKeys);

        // Node certificates, in-process as the CLI runs it: every node enrolls again with a fresh token.
        var (certs, certsPath) = await RotateProgram.RunAsync(
            stack, cluster.Name, RotationPlan.From(cluster, RotationPlan.NodeCerts), project.OutDirectory, new RunbookOptions(), CancellationToken.None);
        Assert.True(certs.Passed, string.Join('\n', certs.Problems));
        var afterCerts = await FactsAsync(stack, cluster);
        Assert.All(afterCerts.Zip(afterWireGuard), p => Assert.NotEqual(p.Second.CertificateSerial, p.First.CertificateSerial));
        output.WriteLine($"node-certs: {(certs.Finished - certs.Started).TotalSeconds:0.0} s for {certs.Steps.Count} nodes");

        // The operations log's chain holds; the last up sealed both reports and the log into the bundle, which verifies.
        var log = AuditLog.Verify(Path.Combine(project.OutDirectory, "logs", "operations.log"));
        Assert.True(log.IsValid, log.Problem);
        Assert.Equal(2 * 2 + steps.Count + certs.Steps.Count, log.Entries);
        var bundle = Path.Combine(project.OutDirectory, "recovery-bundle");
        Assert.True(File.Exists(Path.Combine(bundle, "runbooks", Path.GetFileName(certsPath))));
        Assert.True(File.Exists(Path.Combine(bundle, "logs", "operations.log")));
        var (verified, verifyOutput) = project.RunCli("verify", "--bundle", bundle, "--public-key", project.SigningPublicKey);
        Assert.True(verified == 0, verifyOutput);
        Assert.Equal("passed", (await stack.GetOutputsAsync())["acceptance"].Value.AsString());

        await project.DestroyAsync();
        Assert.Equal(string.Empty, await project.LeftoversAsync());
    }

    private static async Task<IReadOnlyList<NodeFacts>> FactsAsync(WorkspaceStack stack, NormalisedCluster cluster)
    {
        var outputs = await stack.GetOutputsAsync();
        var checkpoint = await stack.GetCheckpointAsync();
        return [.. cluster.Nodes.Select(n => NodeFacts.Of(n.Name, outputs, checkpoint))];
    }
}
