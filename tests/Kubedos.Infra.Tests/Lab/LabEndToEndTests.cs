using System.Diagnostics;
using System.Text.Json.Nodes;
using Kubedos.Components.Enrollment;
using Kubedos.Engine.Automation;
using Kubedos.Enrollment.Audit;
using Kubedos.Enrollment.Service;
using Kubedos.Infra.Tests.Components;
using Kubedos.Providers.Local;
using Kubedos.Testing;
using Xunit.Abstractions;

namespace Kubedos.Infra.Tests.Lab;

/// <summary>
/// Brings stacks up on this machine through the automation API, as <c>kubedos up</c> does: the shipped stacks whole (gates,
/// no-op rerun, destroy), and, for what is about the lab, its state and its planes, the stacks through enrollment
/// (<see cref="LabProject.CreateThroughEnrollment"/>; converge, observability and etcd have their own lab tests).
/// </summary>
[Collection(nameof(LabCollection))]
public sealed class LabEndToEndTests(ITestOutputHelper output)
{
    [LabFact("ip", "nft", "wg", "wireguard-go", "sshd", "ssh", "ssh-keygen", "nc", "ping", "useradd")]
    public async Task Up_Dev_GatesPassNoOpRerunAndDestroyLeavesNothing() => await UpTwiceAndDestroyAsync("dev", "dev.yaml");

    [LabFact("ip", "nft", "wg", "wireguard-go", "sshd", "ssh", "ssh-keygen", "nc", "ping", "useradd")]
    // Kubernetes off on this copy: EtcdLabTests brings lab-01 up whole.
    public async Task Up_Lab01_GatesPassNoOpRerunAndDestroyLeavesNothing() => await UpTwiceAndDestroyAsync("lab-01", "lab-01.yaml", Components.LabSpecs.WithoutKubernetes);

    [LabFact("ip", "nft", "wg", "wireguard-go", "sshd", "ssh", "ssh-keygen", "nc", "ping", "useradd")]
    public async Task Up_Lab01AndDevAtOnce_BothPassAndEachDestroyLeavesOnlyTheOther()
    {
        await using var lab = LabProject.CreateThroughEnrollment("lab-01", "lab-01.yaml");
        await using var dev = LabProject.CreateThroughEnrollment("dev", "dev.yaml");

        var ups = await Task.WhenAll(lab.UpAsync(), dev.UpAsync());

        Assert.All(ups, up => Assert.Equal("passed", up.Result.Outputs["acceptance"].Value.AsString()));
        await dev.DestroyAsync();
        Assert.Equal(string.Empty, await dev.LeftoversAsync());
        Assert.NotEqual(string.Empty, await lab.LeftoversAsync());

        // lab-01 is untouched by dev's teardown: `kubedos acceptance` runs its gates again and they pass.
        var (exitCode, printed) = lab.RunCli("acceptance", "--stack", lab.Stack);
        output.WriteLine(printed);
        Assert.True(exitCode == 0, printed);
        Assert.Contains("backplane-matrix", printed, StringComparison.Ordinal);
        await lab.DestroyAsync();
        Assert.Equal(string.Empty, await lab.LeftoversAsync());
    }

    [LabFact("ip", "nft", "wg", "wireguard-go", "sshd", "ssh", "ssh-keygen", "nc", "ping", "useradd")]
    public async Task Up_SecondStackWithTheSameCidrs_IsRefusedBeforeTouchingTheHostAndTheFirstStaysUp()
    {
        await using var lab = LabProject.CreateThroughEnrollment("lab-01", "lab-01.yaml");
        await using var copy = LabProject.CreateThroughEnrollment("lab-02", "lab-01.yaml");
        await lab.UpAsync();

        var error = await Assert.ThrowsAsync<UpdateFailedException>(copy.UpAsync);
        output.WriteLine(error.Message);

        Assert.Contains($"of stack {copy.Stack} overlaps", error.Message, StringComparison.Ordinal);
        Assert.Contains("another lab stack that is up", error.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await copy.LeftoversAsync());
        var (exitCode, printed) = lab.RunCli("acceptance", "--stack", lab.Stack);
        Assert.True(exitCode == 0, printed);

        // The gates' new report is sealed again by the acceptance run (only the Acceptance resources were targeted).
        var bundle = Path.Combine(lab.OutDirectory, "recovery-bundle");
        var report = await File.ReadAllTextAsync(Path.Combine(bundle, "acceptance-report.json"));
        var verified = lab.RunCli("verify", "--bundle", bundle, "--public-key", lab.SigningPublicKey);
        Assert.True(verified.ExitCode == 0, verified.Output);
        Assert.Contains("\"verdict\": \"passed\"", report, StringComparison.Ordinal);
    }

    // The README's two commands in order: `scripts/lab-up` brings lab-01 up from the checkout, then a test run brings up
    // its own lab of the same stack name from a temp project. The second state must not adopt the first's lab: its up is
    // refused naming the owner, its destroy leaves the lab alone, and the first state still owns a lab that passes its gates.
    [LabFact("ip", "nft", "wg", "wireguard-go", "sshd", "ssh", "ssh-keygen", "nc", "ping", "useradd", "dotnet")]
    public async Task Up_SecondStateWithTheSameStackName_IsRefusedAndTheFirstLabStaysItsOwn()
    {
        await using var first = LabProject.CreateThroughEnrollment("lab-01", "lab-01.yaml");
        await using var second = LabProject.CreateThroughEnrollment("lab-01", "lab-01.yaml");
        Assert.Equal(first.Stack, second.Stack);
        var (up, _) = await first.UpAsync();
        Assert.Equal("passed", up.Outputs["acceptance"].Value.AsString());

        await second.StackAsync();
        var (refusedExit, refused) = second.RunCli("up", "--stack", second.Stack, "--yes");
        output.WriteLine(refused);
        var (destroyExit, destroyed) = second.RunCli("destroy", "--stack", second.Stack, "--yes");
        output.WriteLine(destroyed);

        Assert.Equal(1, refusedExit);
        Assert.Contains($"lab stack {first.Stack} on this host belongs to another state: project {first.Directory}", refused, StringComparison.Ordinal);
        Assert.Contains("does not adopt it", refused, StringComparison.Ordinal);
        Assert.True(destroyExit == 0, destroyed);
        var preview = await (await first.StackAsync()).PreviewAsync();
        var changed = preview.Summary.ResourceChanges.Where(kv => kv.Key != "same" && kv.Value > 0).ToList();
        Assert.True(changed.Count == 0, $"the first state's preview changes: {string.Join(", ", changed.Select(kv => $"{kv.Key}={kv.Value}"))}");
        var (gatesExit, gates) = first.RunCli("acceptance", "--stack", first.Stack);
        Assert.True(gatesExit == 0, gates);
        await first.DestroyAsync();
        Assert.Equal(string.Empty, await first.LeftoversAsync());
    }

    // The policy pack refuses defaultInterPlane: allow; an operator who disables that policy gets what the spec says.
    [LabFact("ip", "nft", "wg", "wireguard-go", "sshd", "ssh", "ssh-keygen", "nc", "ping", "useradd")]
    public async Task Up_Lab01WithDefaultInterPlaneAllow_EveryPlanePairIsReached()
    {
        var spec = Path.Combine(Path.GetTempPath(), $"kubedos-lab-01-open-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(spec, LabProject.ThroughEnrollment(LabSpecs.Lab01OpenYaml));
        try
        {
            await using var project = LabProject.Create("lab-01", spec);
            var (up, _) = await project.UpAsync();

            Assert.Equal("passed", up.Outputs["acceptance"].Value.AsString());
            var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(project.OutDirectory, "recovery-bundle", "acceptance-report.json")))!;
            var open = report["gates"]!.AsArray().SelectMany(g => g!["probes"]!.AsArray())
                .Where(p => p!["tried"]!.GetValue<string>().Contains("(defaultInterPlane: allow)", StringComparison.Ordinal)).ToList();
            Assert.Equal(LabSpecs.Lab01.Nodes.Count * 6, open.Count);
            Assert.All(open, p => Assert.True(p!["passed"]!.GetValue<bool>(), p.ToJsonString()));
            await project.DestroyAsync();
            Assert.Equal(string.Empty, await project.LeftoversAsync());
        }
        finally
        {
            File.Delete(spec);
        }
    }

    [LabFact("ip", "nft", "wg", "wireguard-go", "sshd", "ssh", "ssh-keygen", "nc", "ping", "useradd")]
    public async Task Up_Wg1PeerRemovedByHand_BackplaneMatrixFailsNamingThePair()
    {
        await using var project = LabProject.CreateThroughEnrollment("lab-01", "lab-01.yaml");
        await project.UpAsync();
        var cp1 = await new LocalLab().FindNodeAsync(project.Stack, "cp-1", CancellationToken.None) ?? throw new InvalidOperationException("cp-1 is not running");
        var endpoints = (await cp1.ExecCheckedAsync(CancellationToken.None, "wg", "show", "wg1", "endpoints")).Stdout;
        var cp2Key = endpoints.Split('\n').Select(l => l.Split('\t')).Single(f => f.Length == 2 && f[1].StartsWith(LabProject.TestRanges("10.250.1.12:"), StringComparison.Ordinal))[0];
        await cp1.ExecCheckedAsync(CancellationToken.None, "wg", "set", "wg1", "peer", cp2Key, "remove");

        // `kubedos acceptance` runs the gates again; the failed gate fails the command and names the pair.
        var (exitCode, printed) = project.RunCli("acceptance", "--stack", project.Stack);
        output.WriteLine(printed);

        Assert.Equal(1, exitCode);
        Assert.Contains("backplane-matrix: cp-1 -> cp-2: ping over wg1", printed, StringComparison.Ordinal);
        Assert.Contains("backplane-matrix: cp-2 -> cp-1: ping over wg1", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("cp-3 -> w-1: ping over wg1", printed, StringComparison.Ordinal);
        var report = await File.ReadAllTextAsync(Path.Combine(project.OutDirectory, "recovery-bundle", "acceptance-report.json"));
        Assert.Contains("\"verdict\": \"failed\"", report, StringComparison.Ordinal);
    }

    [LabFact("ip", "nft", "wg", "wireguard-go", "sshd", "ssh", "ssh-keygen", "nc", "ping", "useradd", "dotnet")]
    public async Task Up_AfterKill9MidUp_Converges()
    {
        await using var project = LabProject.CreateThroughEnrollment("lab-01", "lab-01.yaml");
        await project.StackAsync();
        var cli = LabProject.Cli;
        Assert.True(File.Exists(cli), $"{cli} is missing: build Kubedos.slnx first");
        var start = new ProcessStartInfo("dotnet", [cli, "up", "--stack", project.Stack, "--yes"]) { WorkingDirectory = project.Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["KUBEDOS_CONFIG_PASSPHRASE"] = LabProject.Passphrase;
        using var child = Process.Start(start)!;
        var childOut = child.StandardOutput.ReadToEndAsync();
        var childErr = child.StandardError.ReadToEndAsync();

        // Killed once some nodes exist and planes are being built: the middle of the DAG.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!child.HasExited && DateTime.UtcNow < deadline && !await project.NodeHasAsync("cp-1", "wg1"))
        {
            await Task.Delay(20);
        }

        var killedMidRun = !child.HasExited;
        var pid = child.Id;
        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync();
        for (var i = 0; i < 250 && Directory.Exists($"/proc/{pid}"); i++)
        {
            await Task.Delay(20);
        }

        output.WriteLine($"killed mid-run: {killedMidRun}; the child printed:\n{await childOut}{await childErr}");
        Assert.True(killedMidRun, "the child up ended before it could be killed mid-run");

        var (result, wall) = await project.UpAsync();

        Assert.Equal("passed", result.Outputs["acceptance"].Value.AsString());
        output.WriteLine($"up after kill -9: {wall.TotalSeconds:0.0} s");
        await project.DestroyAsync();
        Assert.Equal(string.Empty, await project.LeftoversAsync());
    }

    private async Task UpTwiceAndDestroyAsync(string stack, string spec, Func<string, string>? edit = null)
    {
        await using var project = LabProject.Create(stack, spec);
        if (edit is not null)
        {
            project.EditSpec(spec, edit);
        }

        var (first, upWall) = await project.UpAsync();
        Assert.Equal("passed", first.Outputs["acceptance"].Value.AsString());
        var report = await File.ReadAllTextAsync(Path.Combine(project.OutDirectory, "recovery-bundle", "acceptance-report.json"));
        Assert.Contains("\"verdict\": \"passed\"", report, StringComparison.Ordinal);
        Assert.Contains("backplane-matrix", report, StringComparison.Ordinal);
        Assert.Contains("security-baseline", report, StringComparison.Ordinal);
        var probes = System.Text.Json.Nodes.JsonNode.Parse(report)!["gates"]!.AsArray().SelectMany(g => g!["probes"]!.AsArray()).ToList();
        Assert.All(probes, p => Assert.True(p!["passed"]!.GetValue<bool>(), p.ToJsonString()));
        Assert.Contains(probes, p => p!["expected"]!.GetValue<string>() == "Filtered");
        Assert.Contains(probes, p => p!["expected"]!.GetValue<string>() == "LoginRefused");
        Assert.True(File.Exists(Path.Combine(project.OutDirectory, "rendered", first.Outputs["nodes"].Value.Unwrapped.AsObject().Keys.First(), "sshd_config")));

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(project.OutDirectory, "pki"), "*", SearchOption.AllDirectories));
        await AssertEveryNodeEnrolledAsync(project, first, probes);

        // The seal: the bundle verifies offline with the public key kept outside the project.
        var bundle = Path.Combine(project.OutDirectory, "recovery-bundle");
        var sealedManifest = await File.ReadAllBytesAsync(Path.Combine(bundle, "manifest.json"));
        var verified = project.RunCli("verify", "--bundle", bundle, "--public-key", project.SigningPublicKey);
        Assert.True(verified.ExitCode == 0, verified.Output);

        var (second, noOpWall) = await project.UpAsync();
        var changed = second.Summary.ResourceChanges.Where(kv => kv.Key != "same" && kv.Value > 0).ToList();
        Assert.True(changed.Count == 0, $"the second up changed: {string.Join(", ", changed.Select(kv => $"{kv.Key}={kv.Value}"))}");
        Assert.Equal(sealedManifest, await File.ReadAllBytesAsync(Path.Combine(bundle, "manifest.json")));

        // Without its manifest the bundle is sealed again by an up that changes no resource: the difference is the seal's time.
        File.Delete(Path.Combine(bundle, "manifest.json"));
        var (_, resealWall) = await project.UpAsync();
        Assert.Equal(0, project.RunCli("verify", "--bundle", bundle, "--public-key", project.SigningPublicKey).ExitCode);
        var bundleBytes = Directory.EnumerateFiles(bundle, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        output.WriteLine($"{stack}: no-op up {noOpWall.TotalSeconds:0.0} s, up that seals {resealWall.TotalSeconds:0.0} s, bundle {bundleBytes} bytes in {Directory.EnumerateFiles(bundle, "*", SearchOption.AllDirectories).Count()} files");
        var sbom = Path.Combine(bundle, "sbom", "node-software.cdx.json");
        var bytes = await File.ReadAllBytesAsync(sbom);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(sbom, bytes);
        var tampered = project.RunCli("verify", "--bundle", bundle, "--public-key", project.SigningPublicKey);
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("sbom/node-software.cdx.json: digest", tampered.Output, StringComparison.Ordinal);

        // A new config kubedos:acceptanceRun makes the next up run the gates again: a fresh report.
        project.WriteConfig(spec, acceptanceRun: "2");
        var (third, _) = await project.UpAsync();
        Assert.Equal("passed", third.Outputs["acceptance"].Value.AsString());
        Assert.NotEqual(report, await File.ReadAllTextAsync(Path.Combine(project.OutDirectory, "recovery-bundle", "acceptance-report.json")));

        var destroyWall = await project.DestroyAsync();
        Assert.Equal(string.Empty, await project.LeftoversAsync());
        output.WriteLine($"{stack}: up from nothing {upWall.TotalSeconds:0.0} s, no-op up {noOpWall.TotalSeconds:0.0} s, destroy {destroyWall.TotalSeconds:0.0} s");
    }

    // Every node enrolled over wg1 with the service on the first control plane: inventory.json and the stack output list
    // every node with the serial the service issued, the service's audit log holds one admitted enrollment per node and
    // verifies, and every node's anonymous enroll attempts were refused.
    private async Task AssertEveryNodeEnrolledAsync(LabProject project, UpdateResult up, IReadOnlyList<JsonNode?> probes)
    {
        var nodes = up.Outputs["nodes"].Value.Unwrapped.AsObject();
        var inventory = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(project.OutDirectory, "inventory.json")))!.AsArray();
        Assert.Equal(nodes.Select(n => n.Key).Order(StringComparer.Ordinal), inventory.Select(e => e!["node"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var outputInventory = up.Outputs["inventory"].Value.Unwrapped.AsObject();
        Assert.Equal(nodes.Select(n => n.Key).Order(StringComparer.Ordinal), outputInventory.Select(n => n.Key).Order(StringComparer.Ordinal));

        var serviceNode = inventory.First(e => e!["role"]!.GetValue<string>() == "control-plane")!["node"]!.GetValue<string>();
        var node = await new LocalLab().FindNodeAsync(project.Stack, serviceNode, CancellationToken.None)
            ?? throw new InvalidOperationException($"{serviceNode} is not running");
        var text = await node.ReadFileAsync($"{ClusterEnrollment.ServiceStateDirectory}/{ServiceState.AuditFile}", CancellationToken.None)
            ?? throw new InvalidOperationException($"{serviceNode} has no audit log");
        var audit = Path.Combine(project.Directory, "service-audit.log");
        await File.WriteAllTextAsync(audit, text.EndsWith('\n') ? text : text + "\n");
        var verification = AuditLog.Verify(audit);
        Assert.True(verification.IsValid, $"line {verification.FirstBadLine}: {verification.Problem}");

        var admitted = AuditLog.Read(audit).Where(r => r.Event == "enroll" && r.Decision == "admit").ToList();
        foreach (var entry in inventory)
        {
            var name = entry!["node"]!.GetValue<string>();
            var admit = Assert.Single(admitted, r => r.Node == name);
            Assert.Equal(admit.Details["issuedSerial"], entry["certificateSerial"]!.GetValue<string>());
            Assert.Equal(admit.Details["issuedSerial"], outputInventory[name].Unwrapped.AsObject()["certificateSerial"].AsString());
        }

        var anonymous = probes.Where(p => p!["expected"]!.GetValue<string>() == "EnrollmentRefused").ToList();
        Assert.Equal(2 * nodes.Count, anonymous.Count);
        Assert.All(anonymous, p => Assert.True(p!["passed"]!.GetValue<bool>(), p.ToJsonString()));
        Assert.Contains(AuditLog.Read(audit), r => r.Event == "enroll" && r.Decision == "reject" && r.Reason == EnrollmentRejection.MissingToken);
        Assert.Contains(AuditLog.Read(audit), r => r.Event == "enroll" && r.Decision == "reject" && r.Reason == EnrollmentRejection.UnknownToken);
        output.WriteLine($"{project.Stack}: {admitted.Count} nodes enrolled, {anonymous.Count} anonymous enroll attempts refused, audit log of {verification.Entries} entries verifies");
    }
}
