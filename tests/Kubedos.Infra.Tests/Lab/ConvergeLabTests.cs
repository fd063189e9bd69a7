using System.Diagnostics;
using System.Text.RegularExpressions;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.State;
using Kubedos.Providers.Ansible;
using Kubedos.Providers.Local;
using Kubedos.Testing;
using Xunit.Abstractions;

namespace Kubedos.Infra.Tests.Lab;

/// <summary>
/// Stage 5 for real: lab-01 comes up with <c>ansible/site.yml</c> converged over SSH on wg1 (host keys pinned), the
/// services runit supervises, idempotence as Molecule proves it, drift found by refresh and repaired by up, and the
/// observability baseline converge delivers (<see cref="ObservabilityLabChecks"/>).
/// </summary>
[Collection(nameof(LabCollection))]
public sealed partial class ConvergeLabTests(ITestOutputHelper output)
{
    private const string Service = "kubedos-probe";

    // A service of the supervision role's own list (supervision_services), added through the playbook's group_vars.
    private const string ServiceVars = """
        supervision_services:
          - name: kubedos-probe
            command: sh -c 'echo "probe started on {{ kubedos_node }}"; exec sleep 86400'
            user: nobody
        """;

    [LabFact("ip", "nft", "wg", "wireguard-go", "sshd", "ssh", "ssh-keygen", "nc", "ping", "useradd", "ansible-playbook", "runsvdir", "sv", "sudo",
        "prometheus", "promtool", "prometheus-node-exporter", "prometheus-alertmanager", "amtool", "rsyslogd", "curl", "jq", "logger")]
    // One lab for the whole of stage 5 and the observability baseline it converges (a lab up from nothing with converge is most of this test's time): idempotence first,
    // then supervision, then drift and its repair, then changed and failing roles. Kubernetes is off on this copy (etcd
    // under converge, its idempotence included, is EtcdLabTests'): with it this test's ups took 3.7 minutes more of CI's time.
    public async Task Up_Lab01_ConvergesIdempotentlyOverWg1_RunitRestartsAKilledService_DriftIsRecordedAndUpRepairsIt()
    {
        await using var project = LabProject.Create("lab-01", "lab-01.yaml");
        project.EditSpec("lab-01.yaml", Components.LabSpecs.WithoutKubernetes);
        var ansible = project.UseAnsibleCopy();
        var vars = Path.Combine(ansible, "group_vars", "all.yml");
        Directory.CreateDirectory(Path.GetDirectoryName(vars)!);
        await File.WriteAllTextAsync(vars, ServiceVars);

        var (first, upWall) = await project.UpAsync();
        Assert.Equal("passed", first.Outputs["acceptance"].Value.AsString());
        ObservabilityLabChecks.GatePassedWithEvidence(project);
        var recap = await RecapAsync(project);
        Assert.Equal(["cp-1", "cp-2", "cp-3", "w-1"], recap.Keys.Order(StringComparer.Ordinal));
        Assert.All(recap, h => Assert.True(h.Value["failures"] == 0 && h.Value["unreachable"] == 0 && h.Value["changed"] > 0, $"{h.Key}: {Describe(h.Value)}"));
        foreach (var name in recap.Keys)
        {
            var node = await NodeAsync(project, name);
            var status = (await node.ExecCheckedAsync(CancellationToken.None, "sv", "status", $"/etc/service/{Service}")).Stdout;
            Assert.StartsWith($"run: /etc/service/{Service}:", status, StringComparison.Ordinal);
        }

        // A no-op up does not run Ansible: nothing changes.
        var (noOp, noOpWall) = await project.UpAsync();
        Assert.False(noOp.Summary.HasChanges, string.Join(", ", noOp.Summary.ResourceChanges.Select(kv => $"{kv.Key}={kv.Value}")));

        // Forced re-converge: the playbook runs again and changes nothing on any host (Molecule's idempotence check). Every
        // role lab-01 converges (supervision, observability, logs) is in it; the etcd lab test does the same for etcd.
        var stack = await project.StackAsync();
        var watch = Stopwatch.StartNew();
        var again = await stack.UpAsync(new UpdateOptions { Replace = [await PlaybookUrnAsync(project)] });
        var reconvergeWall = watch.Elapsed;
        Assert.True(again.Summary.Succeeded);
        var second = await RecapAsync(project);
        Assert.All(second, h => Assert.True(h.Value["changed"] == 0 && h.Value["failures"] == 0, $"second converge of {h.Key} is not idempotent: {Describe(h.Value)}"));
        output.WriteLine($"lab-01 up from nothing with converge: {upWall.TotalSeconds:0.0} s; no-op up: {noOpWall.TotalSeconds:0.0} s; forced re-converge: {reconvergeWall.TotalSeconds:0.0} s");

        // A service killed by hand comes back under runit, and its log keeps both starts.
        var cp2 = await NodeAsync(project, "cp-2");
        var before = await PidAsync(cp2);
        await cp2.ExecCheckedAsync(CancellationToken.None, "kill", "-9", before.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var after = before;
        for (var i = 0; i < 100 && (after == before || after == 0); i++)
        {
            await Task.Delay(100);
            after = await PidAsync(cp2);
        }

        Assert.NotEqual(before, after);
        Assert.NotEqual(0, after);
        var started = await LogAsync(cp2);
        Assert.True(Regex.Count(started, "probe started on cp-2") >= 2, started);

        var runFile = $"/etc/sv/{Service}/run";
        var cp1 = await NodeAsync(project, "cp-1");
        var w1 = await NodeAsync(project, "w-1");
        var managed = await cp1.ReadFileAsync(runFile, CancellationToken.None);

        // By hand, outside Kubedos: a managed file edited on cp-1, the service stopped on w-1.
        await cp1.ExecCheckedAsync(CancellationToken.None, "sh", "-c", $"echo '# edited by hand' >> {runFile}");
        await w1.ExecCheckedAsync(CancellationToken.None, "sv", "down", $"/etc/service/{Service}");

        var drifted = new List<string>();
        await stack.RefreshAsync(new RefreshOptions { OnEvent = e => Drifted(e, drifted) });
        output.WriteLine(string.Join('\n', drifted));
        var playbook = await PlaybookUrnAsync(project);
        Assert.Contains(drifted, d => d.StartsWith(playbook + ":", StringComparison.Ordinal));
        var drift = (await PlaybookAsync(project)).Outputs["drift"].Unwrapped.AsArray().Select(d => d.AsString()).ToList();
        output.WriteLine(string.Join('\n', drift));
        Assert.Contains($"cp-1: supervision : {Service}: run script", drift);
        Assert.Contains($"w-1: supervision : {Service}: start it (found down)", drift);
        Assert.DoesNotContain(drift, d => d.StartsWith("cp-2:", StringComparison.Ordinal));

        // Preview reads only: it shows the converge would run, and the nodes stay as they were.
        var preview = await stack.PreviewAsync();
        Assert.True(preview.Summary.Count("update") >= 1, string.Join(", ", preview.Summary.ResourceChanges.Select(kv => $"{kv.Key}={kv.Value}")));
        Assert.Contains("edited by hand", await cp1.ReadFileAsync(runFile, CancellationToken.None), StringComparison.Ordinal);

        var repair = await stack.UpAsync();
        Assert.True(repair.Summary.Count("update") >= 1, string.Join(", ", repair.Summary.ResourceChanges.Select(kv => $"{kv.Key}={kv.Value}")));
        Assert.Equal(managed, await cp1.ReadFileAsync(runFile, CancellationToken.None));
        Assert.StartsWith("run:", (await w1.ExecCheckedAsync(CancellationToken.None, "sv", "status", $"/etc/service/{Service}")).Stdout, StringComparison.Ordinal);
        Assert.Empty((await PlaybookAsync(project)).Outputs["drift"].Unwrapped.AsArray());

        // A changed role (here its variables) runs the playbook again, and runit restarts the changed service.
        await File.WriteAllTextAsync(vars, ServiceVars.Replace("probe started on", "probe v2 started on", StringComparison.Ordinal));
        var changed = await stack.UpAsync();
        Assert.Equal(1, changed.Summary.Count("update"));
        Assert.Contains("probe v2 started on cp-1", await LogAsync(cp1, "probe v2 started"), StringComparison.Ordinal);

        // A failing task is reported as host, role, task and Ansible's message, not as Ansible's whole output.
        await File.WriteAllTextAsync(vars, ServiceVars + "\n  - name: kubedos-broken\n    user: nobody\n");
        var failed = await Assert.ThrowsAsync<UpdateFailedException>(() => stack.UpAsync());
        output.WriteLine(failed.Message);
        Assert.Contains("cp-1: failed: supervision : kubedos-broken: run script:", failed.Message, StringComparison.Ordinal);
        Assert.Contains("'command'", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PLAY RECAP", failed.Message, StringComparison.Ordinal);

        // The gates judge the running lab whatever the last converge did: a node exporter stopped by hand fails observability.
        await ObservabilityLabChecks.StoppedNodeExporterFailsTheGateNamingItsNodeAsync(project, output);

        await project.DestroyAsync();
        Assert.Equal(string.Empty, await project.LeftoversAsync());
    }

    private static void Drifted(EngineEvent e, List<string> drifted)
    {
        if (e is DiagnosticEvent { Urn: not null } d && d.Message.StartsWith("drift:", StringComparison.Ordinal))
        {
            drifted.Add($"{d.Urn.Value}: {d.Message}");
        }
    }

    private static async Task<string> LogAsync(LabNode node, string line)
    {
        for (var i = 0; i < 100; i++)
        {
            var log = await node.ReadFileAsync($"/var/log/{Service}/current", CancellationToken.None) ?? string.Empty;
            if (log.Contains(line, StringComparison.Ordinal))
            {
                return log;
            }

            await Task.Delay(100);
        }

        return await node.ReadFileAsync($"/var/log/{Service}/current", CancellationToken.None) ?? string.Empty;
    }

    private static async Task<string> LogAsync(LabNode node)
    {
        for (var i = 0; i < 50; i++)
        {
            var log = await node.ReadFileAsync($"/var/log/{Service}/current", CancellationToken.None) ?? string.Empty;
            if (Regex.Count(log, "probe started") >= 2)
            {
                return log;
            }

            await Task.Delay(100);
        }

        return await node.ReadFileAsync($"/var/log/{Service}/current", CancellationToken.None) ?? string.Empty;
    }

    private static async Task<int> PidAsync(LabNode node)
    {
        var status = (await node.ExecAsync(new NodeInvocation(["sv", "status", $"/etc/service/{Service}"]), CancellationToken.None)).Stdout;
        var match = SvPid().Match(status);
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    internal static async Task<LabNode> NodeAsync(LabProject project, string name) =>
        await new LocalLab().FindNodeAsync(project.Stack, name, CancellationToken.None) ?? throw new InvalidOperationException($"{name} is not running");

    internal static async Task<ResourceState> PlaybookAsync(LabProject project)
    {
        var checkpoint = await (await project.StackAsync()).GetCheckpointAsync();
        return checkpoint.Resources.Single(r => r.Type == Playbook.TypeToken && !r.Delete);
    }

    internal static async Task<string> PlaybookUrnAsync(LabProject project) => (await PlaybookAsync(project)).Urn.Value;

    internal static async Task<Dictionary<string, Dictionary<string, int>>> RecapAsync(LabProject project)
    {
        var hosts = (await PlaybookAsync(project)).Outputs["hosts"].Unwrapped.AsObject();
        return hosts.ToDictionary(
            h => h.Key,
            h => h.Value.Unwrapped.AsObject().ToDictionary(c => c.Key, c => (int)c.Value.AsNumber(), StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    private static string Describe(Dictionary<string, int> counts) => string.Join(' ', counts.Select(c => $"{c.Key}={c.Value}"));

    [GeneratedRegex(@"^run: \S+ \(pid (\d+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex SvPid();
}
