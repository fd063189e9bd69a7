using System.Text.Json.Nodes;
using Kubedos.Engine.Automation;
using Kubedos.Operations.Drills;
using Kubedos.Operations.Drills.Local;
using Kubedos.Spec.Normalisation;
using Kubedos.Spec.Validation;
using Kubedos.Testing;
using Xunit.Abstractions;

namespace Kubedos.Infra.Tests.Lab;

/// <summary>
/// The spec's drills on lab-01 (§17.2): delete-worker in-process, and again held to a target its slowed recovery cannot
/// meet. delete-control-plane runs through <c>kubedos drill run</c> in <see cref="EtcdLabTests"/>, on a lab-01 copy with
/// Kubernetes on, where it must also hold etcd's quorum and its rebuilt machine is converged again (one lab fewer in CI's
/// time). This lab stops after enrollment (<see cref="LabProject.CreateThroughEnrollment"/>): each of its two recoveries
/// would otherwise converge w-1 anew, which the etcd lab's drill already shows, at about a minute each of CI's time.
/// </summary>
[Collection(nameof(LabCollection))]
public sealed class DrillLabTests(ITestOutputHelper output)
{
    [LabFact("ip", "nft", "wg", "wireguard-go", "sshd", "ssh", "ssh-keygen", "ssh-keyscan", "nc", "ping", "useradd", "dotnet")]
    public async Task Drills_OnLab01_RecoverWithinTargetsAndASlowedRecoveryFailsItsTarget()
    {
        await using var project = LabProject.CreateThroughEnrollment("lab-01", "lab-01.yaml");
        var (first, _) = await project.UpAsync();
        Assert.Equal("passed", first.Outputs["acceptance"].Value.AsString());
        var loaded = SpecValidator.ValidateFile(Path.Combine(project.Directory, "lab-01.yaml"));
        Assert.True(loaded.Succeeded, string.Join('\n', loaded.Diagnostics));
        var cluster = SpecNormaliser.Normalise(loaded.Document!);
        var stack = await project.StackAsync();

        // delete-worker, driven in-process as the CLI drives it.
        var worker = await RunAsync(stack, cluster, project, DrillPlan.DeleteWorker, new DrillOptions { HostFailure = new LocalHostFailure() });
        Assert.True(worker.Report.Passed, string.Join('\n', worker.Report.Problems));
        var json = JsonNode.Parse(await File.ReadAllTextAsync(worker.Path))!;
        Assert.Equal("passed", json["verdict"]!.GetValue<string>());
        Assert.Equal("w-1", json["node"]!.GetValue<string>());
        Assert.Equal(0, json["manualSteps"]!.GetValue<int>());
        Assert.Equal("not applicable: a worker holds no etcd member", json["quorum"]!.GetValue<string>());
        Assert.Equal(10, json["expectRecoveryMinutes"]!.GetValue<double>());
        Assert.Equal(30, json["mttrTargetMinutes"]!.GetValue<double>());
        Assert.All(new[] { "fault", "detected", "recovered", "verified" }, p => Assert.NotNull(json["phases"]![p]));
        Assert.Equal(json["gateResources"]!.GetValue<int>(), json["gateResourcesRerun"]!.GetValue<int>());
        Assert.Equal(Path.Combine(project.OutDirectory, "drills"), Path.GetDirectoryName(worker.Path));

        // The drill's last up sealed its report into the bundle, which verifies.
        var bundle = Path.Combine(project.OutDirectory, "recovery-bundle");
        Assert.Equal(await File.ReadAllTextAsync(worker.Path), await File.ReadAllTextAsync(Path.Combine(bundle, "drills", Path.GetFileName(worker.Path))));
        var (verified, verifyOutput) = project.RunCli("verify", "--bundle", bundle, "--public-key", project.SigningPublicKey);
        Assert.True(verified == 0, verifyOutput);
        output.WriteLine($"delete-worker: detected after {json["detectionSeconds"]} s, recovered and verified after {json["recoverySeconds"]} s");

        // A recovery slowed on purpose, held to a target it cannot meet: the drill fails, and says why.
        var slow = await RunAsync(stack, cluster, project, DrillPlan.DeleteWorker, new DrillOptions
        {
            HostFailure = new LocalHostFailure(),
            Target = TimeSpan.FromSeconds(1),
            BeforeRecovery = ct => Task.Delay(TimeSpan.FromSeconds(1.5), ct),
        });
        Assert.False(slow.Report.Passed);
        var slowJson = JsonNode.Parse(await File.ReadAllTextAsync(slow.Path))!;
        Assert.Equal("failed", slowJson["verdict"]!.GetValue<string>());
        Assert.False(slowJson["withinTarget"]!.GetValue<bool>());
        Assert.Contains(slowJson["failures"]!.AsArray(), f => f!.GetValue<string>().Contains("over the target of 1 s", StringComparison.Ordinal));
        Assert.Equal("passed", (await stack.GetOutputsAsync())["acceptance"].Value.AsString());

        await project.DestroyAsync();
        Assert.Equal(string.Empty, await project.LeftoversAsync());
    }

    private static Task<(DrillReport Report, string Path)> RunAsync(WorkspaceStack stack, NormalisedCluster cluster, LabProject project, string drill, DrillOptions options) =>
        DrillProgram.RunAsync(stack, cluster.Name, DrillPlan.From(cluster, drill, null), project.OutDirectory, options, CancellationToken.None);
}
