using System.Diagnostics;
using System.Text.Json.Nodes;
using Kubedos.Components.Enrollment;
using Kubedos.Components.Trust;
using Kubedos.Engine.Automation;
using Kubedos.Enrollment.Audit;
using Kubedos.Operations.Drills;
using Kubedos.Operations.Runbooks;
using Kubedos.Providers.Local;
using Kubedos.Testing;
using Xunit.Abstractions;

namespace Kubedos.Infra.Tests.Lab;

/// <summary>
/// <c>kubedos runbook compromised-node w-1</c> on lab-01 (through enrollment): fenced, revoked, destroyed and replaced by a
/// new machine; afterwards none of its old WireGuard keys is a peer on any node, and its old certificate, copied off the
/// node before the runbook as an attacker would, is refused by the enrollment service while the new one renews.
/// </summary>
[Collection(nameof(LabCollection))]
public sealed class CompromisedNodeLabTests(ITestOutputHelper output)
{
    [LabFact("ip", "nft", "wg", "wireguard-go", "sshd", "ssh", "ssh-keygen", "ssh-keyscan", "nc", "ping", "useradd", "dotnet")]
    public async Task CompromisedNode_Worker_FencedRevokedReplaced_OldKeysPeerNowhere_OldCertificateRefused()
    {
        await using var project = LabProject.CreateThroughEnrollment("lab-01", "lab-01.yaml");
        var (first, _) = await project.UpAsync();
        Assert.Equal("passed", first.Outputs["acceptance"].Value.AsString());
        var cluster = project.Cluster("lab-01.yaml");
        var stack = await project.StackAsync();
        var before = await FactsAsync(stack, "w-1");
        var stolen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in new[] { "node.pem", "node.key", "ca-chain.pem" })
        {
            stolen[file] = await project.NodeOutputAsync("w-1", "cat", $"{ClusterEnrollment.IdentityDirectory}/{file}");
        }

        var (exitCode, cli) = project.RunCli("runbook", "compromised-node", "w-1", "--stack", project.Stack, "--yes", "--json");

        Assert.True(exitCode == 0, cli);
        var report = JsonNode.Parse(cli.Trim().Split('\n')[^1])!["runbook"]!;
        Assert.Equal("passed", report["verdict"]!.GetValue<string>());
        var steps = report["steps"]!.AsArray();
        Assert.Equal(["fence", "revoke", "destroy", "replace"], steps.Select(s => s!["kind"]!.GetValue<string>()));
        var fenced = string.Join('\n', steps[0]!["done"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.All(new[] { "cp-1:", "cp-2:", "cp-3:", "operator:" }, who => Assert.Contains(who, fenced, StringComparison.Ordinal));
        Assert.All(steps[3]!["gates"]!.AsObject(), g => Assert.Equal("passed", g.Value!.GetValue<string>()));
        output.WriteLine($"compromised-node w-1: {report["seconds"]} s ({string.Join(", ", steps.Select(s => $"{s!["kind"]} {s["seconds"]} s"))})");

        // A new machine throughout, and none of the old keys is a peer on any node.
        var after = await FactsAsync(stack, "w-1");
        Assert.Empty(after.NotRenewedSince(before));
        var live = await project.LivePeersAsync(cluster);

        Assert.Empty(live.Intersect(before.PlaneKeys.Values));
        Assert.Subset(live, after.PlaneKeys.Values.ToHashSet(StringComparer.Ordinal));

        // The stolen certificate, presented from w-1's own address, is refused as revoked; the new identity renews there.
        var checkpoint = await stack.GetCheckpointAsync();
        var caPin = checkpoint.Resources.Single(r => !r.Delete && r.Type == ClusterTrust.TypeToken).Outputs["caPin"].Unwrapped.AsString();
        var service = $"https://{cluster.PrimaryControlPlane.PlaneAddresses[cluster.ControlPlane.Name]}:{ClusterEnrollment.ServicePort}/";
        var copy = string.Join(" && ", stolen.Select(f => $"printf '%s' '{f.Value}' > /tmp/stolen/{f.Key}"));
        await project.NodeOutputAsync("w-1", "sh", "-c", $"mkdir -p /tmp/stolen && {copy} && chmod 600 /tmp/stolen/node.key && cp -a {ClusterEnrollment.IdentityDirectory} /tmp/current");
        var refused = await AgentRenewAsync(project, "/tmp/stolen", service, caPin);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("revoked", refused.Output, StringComparison.Ordinal);
        var renewed = await AgentRenewAsync(project, "/tmp/current", service, caPin);
        Assert.True(renewed.ExitCode == 0, renewed.Output);
        Assert.Contains("renewed", renewed.Output, StringComparison.Ordinal);

        // The run is in the hash-chained operations log, and the bundle the last up sealed carries it and verifies.
        var log = AuditLog.Verify(Path.Combine(project.OutDirectory, "logs", "operations.log"));
        Assert.True(log.IsValid, log.Problem);
        Assert.Equal(steps.Count + 2, log.Entries);
        var (verified, verifyOutput) = project.RunCli("verify", "--bundle", Path.Combine(project.OutDirectory, "recovery-bundle"), "--public-key", project.SigningPublicKey);
        Assert.True(verified == 0, verifyOutput);

        await project.DestroyAsync();
        Assert.Equal(string.Empty, await project.LeftoversAsync());
    }

    // kill -9 of the runbook right after it destroyed the machine (the fence may still be up on every other node): a second
    // run finds the machine gone, carries on, lifts the fence and replaces it; no fence table is left anywhere.
    [LabFact("ip", "nft", "wg", "wireguard-go", "sshd", "ssh", "ssh-keygen", "ssh-keyscan", "nc", "ping", "useradd", "dotnet")]
    public async Task CompromisedNode_KilledOnceTheMachineIsGone_RunAgainFinishesAndLiftsTheFence()
    {
        await using var project = LabProject.CreateThroughEnrollment("lab-01", "lab-01.yaml");
        var (first, _) = await project.UpAsync();
        Assert.Equal("passed", first.Outputs["acceptance"].Value.AsString());
        var namespaceFile = $"/run/netns/{LabNames.For(project.Stack).NodeNamespace("w-1")}";
        var start = new ProcessStartInfo("dotnet", [LabProject.Cli, "runbook", "compromised-node", "w-1", "--stack", project.Stack, "--yes"])
        {
            WorkingDirectory = project.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["KUBEDOS_CONFIG_PASSPHRASE"] = LabProject.Passphrase;
        using (var child = Process.Start(start)!)
        {
            var printed = child.StandardOutput.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (!child.HasExited && File.Exists(namespaceFile) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }

            var killedMidRun = !child.HasExited;
            child.Kill(entireProcessTree: false);
            await child.WaitForExitAsync();
            output.WriteLine($"killed once w-1 was gone: {killedMidRun}; it printed:\n{await printed}");
            Assert.True(killedMidRun, "the runbook ended before w-1 was gone");
        }

        var (exitCode, cli) = project.RunCli("runbook", "compromised-node", "w-1", "--stack", project.Stack, "--yes", "--json");

        Assert.True(exitCode == 0, cli);
        var report = JsonNode.Parse(cli.Trim().Split('\n')[^1])!["runbook"]!;
        Assert.Equal("passed", report["verdict"]!.GetValue<string>());
        var destroyed = string.Join('\n', report["steps"]!.AsArray().Single(s => s!["kind"]!.GetValue<string>() == "destroy")!["done"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Contains("w-1 is gone already", destroyed, StringComparison.Ordinal);
        foreach (var node in new[] { "cp-1", "cp-2", "cp-3", "w-1" })
        {
            Assert.DoesNotContain(NodeFence.Table, await project.NodeOutputAsync(node, "nft", "list", "tables"), StringComparison.Ordinal);
        }

        await project.DestroyAsync();
        Assert.Equal(string.Empty, await project.LeftoversAsync());
    }

    private static async Task<NodeFacts> FactsAsync(WorkspaceStack stack, string node) =>
        NodeFacts.Of(node, await stack.GetOutputsAsync(), await stack.GetCheckpointAsync());

    private static async Task<(int ExitCode, string Output)> AgentRenewAsync(LabProject project, string directory, string service, string caPin)
    {
        var argv = string.Join(' ', project.AgentCommand.Concat(["renew", "--service", service, "--dir", directory, "--ca-pin", caPin, "--early-renewal-days", "100000"]));
        var text = await project.NodeOutputAsync("w-1", "sh", "-c", $"{argv} 2>&1; echo \"exit=$?\"");
        var exit = int.Parse(text.Trim().Split('\n')[^1]["exit=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        return (exit, text);
    }
}
