using System.Diagnostics;
using System.Text.RegularExpressions;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Model;
using Kubedos.Engine.State;
using Kubedos.Providers.Ansible;
using Kubedos.Providers.Local;
using Kubedos.Testing;
using Xunit.Abstractions;

namespace Kubedos.Infra.Tests.Lab;

/// <summary>
/// Stage 5 for real: lab-01 comes up with <c>ansible/site.yml</c> converged over SSH on wg1 (host keys pinned), the
/// services runit supervises, idempotence as Molecule proves it, drift found by refresh and repaired by up.
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

    [LabFact("ip", "nft", "wg", "wireguard-go", "sshd", "ssh", "ssh-keygen", "nc", "ping", "useradd", "ansible-playbook", "runsvdir", "sv", "sudo")]
    public async Task Up_Lab01_ConvergesOverWg1AndASecondConvergeChangesNothing()
    {
        await using var project = LabProject.Create("lab-01", "lab-01.yaml");
        var ansible = project.UseAnsibleCopy();
        Directory.CreateDirectory(Path.Combine(ansible, "group_vars"));
        await File.WriteAllTextAsync(Path.Combine(ansible, "group_vars", "all.yml"), ServiceVars);

        var (first, upWall) = await project.UpAsync();
        Assert.Equal("passed", first.Outputs["acceptance"].Value.AsString());
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

        // Forced re-converge: the playbook runs again and changes nothing on any host (Molecule's idempotence check).
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
        var log = await LogAsync(cp2);
        Assert.True(Regex.Count(log, "probe started on cp-2") >= 2, log);

        await project.DestroyAsync();
        Assert.Equal(string.Empty, await project.LeftoversAsync());
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
        var status = (await node.ExecAsync(new NodeCommand(["sv", "status", $"/etc/service/{Service}"]), CancellationToken.None)).Stdout;
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
