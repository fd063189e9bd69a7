using Kubedos.Engine.Automation;
using Kubedos.Infra.Tests.Spec;
using Kubedos.Providers.Local;
using Kubedos.Testing;
using Xunit.Abstractions;

namespace Kubedos.Infra.Tests.Lab;

/// <summary>Destructive converge operations on real block devices: a declared disk is a sparse file on a loop device.</summary>
[Collection(nameof(LabCollection))]
public sealed class DiskOperationLabTests(ITestOutputHelper output)
{
    private const string Disks = "{ name: dev-1, role: control-plane, index: 11, disks: [{ pool: data, sizeGiB: 2, purpose: data }, { pool: osd, sizeGiB: 1, purpose: ceph-osd }] }";

    [LabFact("ip", "nft", "wg", "wireguard-go", "sshd", "ssh", "ssh-keygen", "nc", "ping", "useradd", "ansible-playbook", "runsvdir", "sudo", "losetup", "sfdisk", "wipefs")]
    public async Task Up_DevWithDisks_WipeAndRepartitionRefusedWithoutOptIn_PerformedOnTheLoopDeviceWithIt_DetachedOnDestroy()
    {
        var spec = Path.Combine(Path.GetTempPath(), $"kubedos-dev-disks-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(spec, Spec(allow: false));
        try
        {
            await using var project = LabProject.Create("dev", spec);

            // Without the safety flags the policy pack refuses the plan before anything real is made.
            var refused = await Assert.ThrowsAsync<UpdateFailedException>(() => project.UpAsync());
            output.WriteLine(refused.Message);
            Assert.Contains("needs spec.orchestration.ansible.safety.allowWipe: true", refused.Message, StringComparison.Ordinal);
            Assert.Contains("needs spec.orchestration.ansible.safety.allowRepartition: true", refused.Message, StringComparison.Ordinal);
            Assert.Equal(string.Empty, await project.LeftoversAsync());

            await File.WriteAllTextAsync(Path.Combine(project.Directory, Path.GetFileName(spec)), LabProject.TestRanges(Spec(allow: true)));
            var (up, _) = await project.UpAsync();
            Assert.Equal("passed", up.Outputs["acceptance"].Value.AsString());

            var checkpoint = await (await project.StackAsync()).GetCheckpointAsync();
            var disks = checkpoint.Resources.Where(r => r.Type == NodeDiskResource.TypeToken && !r.Delete)
                .ToDictionary(r => r.Inputs["name"].AsString(), r => (Device: r.Outputs["device"].AsString(), File: r.Outputs["file"].AsString()));
            Assert.Equal(["data-0", "osd-1"], disks.Keys.Order(StringComparer.Ordinal));
            Assert.All(disks.Values, d => Assert.StartsWith($"{LabOptions.DefaultLabRoot}/{project.Stack}/dev-1/disks/", d.File, StringComparison.Ordinal));
            Assert.All(disks.Values, d => Assert.StartsWith("/dev/loop", d.Device, StringComparison.Ordinal));
            Assert.Equal(disks["data-0"].File, await BackingFileAsync(disks["data-0"].Device));

            // The data disk was wiped and given one GPT partition; the OSD disk was wiped and left raw.
            var table = await HostAsync("sfdisk", "--dump", disks["data-0"].Device);
            Assert.Contains("label: gpt", table, StringComparison.Ordinal);
            Assert.Contains($"{disks["data-0"].Device}p1 : start=", table, StringComparison.Ordinal);
            Assert.Equal(string.Empty, (await HostAsync("wipefs", "--noheadings", disks["osd-1"].Device)).Trim());
            Assert.Contains(checkpoint.Resources, r => r.Type == "kubedos:converge:DiskOperation" && r.Urn.Name == "repartition-dev-1-data-0");

            await project.DestroyAsync();
            Assert.All(disks.Values, d => Assert.False(File.Exists(d.File), $"{d.File} outlived destroy"));
            Assert.DoesNotContain(disks["data-0"].File, await HostAsync("losetup", "--list", "--noheadings", "--output", "BACK-FILE"), StringComparison.Ordinal);
            Assert.Equal(string.Empty, await project.LeftoversAsync());
        }
        finally
        {
            File.Delete(spec);
        }
    }

    private static string Spec(bool allow)
    {
        var text = SpecText.ReplaceOnce(RepositoryFiles.Read("stacks/dev.yaml"), "{ name: dev-1, role: control-plane, index: 11 }", Disks);
        return SpecText.ReplaceOnce(text, "      enabled: true             # stage 5",
            $"      safety: {{ allowWipe: {(allow ? "true" : "false")}, allowRepartition: {(allow ? "true" : "false")} }}\n      enabled: true             # stage 5");
    }

    private static async Task<string> BackingFileAsync(string device) =>
        (await File.ReadAllTextAsync($"/sys/class/block/{Path.GetFileName(device)}/loop/backing_file")).Trim();

    private static async Task<string> HostAsync(string program, params string[] arguments)
    {
        var result = await new HostCommandRunner().RunAsync(HostCommand.Of(program, arguments), CancellationToken.None);
        return result.Stdout;
    }
}
