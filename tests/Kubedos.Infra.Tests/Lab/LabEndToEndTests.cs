using Kubedos.Testing;
using Xunit.Abstractions;

namespace Kubedos.Infra.Tests.Lab;

/// <summary>Brings whole stacks up on this machine through the automation API, as <c>kubedos up</c> does.</summary>
[Collection(nameof(LabCollection))]
public sealed class LabEndToEndTests(ITestOutputHelper output)
{
    [LabFact("ip", "nft", "wg", "wireguard-go", "sshd", "ssh", "ssh-keygen", "nc", "ping", "useradd")]
    public async Task Up_Dev_GatesPassNoOpRerunAndDestroyLeavesNothing() => await UpTwiceAndDestroyAsync("dev", "dev.yaml");

    [LabFact("ip", "nft", "wg", "wireguard-go", "sshd", "ssh", "ssh-keygen", "nc", "ping", "useradd")]
    public async Task Up_Lab01_GatesPassNoOpRerunAndDestroyLeavesNothing() => await UpTwiceAndDestroyAsync("lab-01", "lab-01.yaml");

    private async Task UpTwiceAndDestroyAsync(string stack, string spec)
    {
        await using var project = LabProject.Create(stack, spec);
        var (first, upWall) = await project.UpAsync();
        Assert.Equal("passed", first.Outputs["acceptance"].Value.AsString());
        var report = await File.ReadAllTextAsync(Path.Combine(project.OutDirectory, "recovery-bundle", "acceptance-report.json"));
        Assert.Contains("\"verdict\": \"passed\"", report, StringComparison.Ordinal);
        Assert.Contains("backplane-matrix", report, StringComparison.Ordinal);
        Assert.Contains("security-baseline", report, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(project.OutDirectory, "rendered", first.Outputs["nodes"].Value.Unwrapped.AsObject().Keys.First(), "sshd_config")));

        var (second, noOpWall) = await project.UpAsync();
        var changed = second.Summary.ResourceChanges.Where(kv => kv.Key != "same" && kv.Value > 0).ToList();
        Assert.True(changed.Count == 0, $"the second up changed: {string.Join(", ", changed.Select(kv => $"{kv.Key}={kv.Value}"))}");

        var destroyWall = await project.DestroyAsync();
        Assert.Equal(string.Empty, await project.LeftoversAsync());
        output.WriteLine($"{stack}: up from nothing {upWall.TotalSeconds:0.0} s, no-op up {noOpWall.TotalSeconds:0.0} s, destroy {destroyWall.TotalSeconds:0.0} s");
    }
}
