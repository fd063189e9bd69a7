using Kubedos.Components.Observability;
using Kubedos.Testing;

namespace Kubedos.Infra.Tests.Components.Observability;

public sealed class AlertmanagerConfigRendererTests
{
    [Fact]
    public void Render_Lab01_RoutesEverythingToTheOneReceiverGroupedByNode()
    {
        var config = AlertmanagerConfigRenderer.Render(ObservedClusters.Topology());

        Assert.Contains($"receiver: {AlertmanagerConfigRenderer.Receiver}", config, StringComparison.Ordinal);
        Assert.Contains("- node", config, StringComparison.Ordinal);
        Assert.DoesNotContain("webhook", config, StringComparison.Ordinal);
    }

    [LabFact("amtool")]
    public async Task Render_CheckedByAmtool_IsValid()
    {
        var dir = Directory.CreateTempSubdirectory("kubedos-alertmanager-").FullName;
        try
        {
            var path = Path.Combine(dir, "alertmanager.yml");
            await File.WriteAllTextAsync(path, AlertmanagerConfigRenderer.Render(ObservedClusters.Topology()));

            var check = await ToolRun.RunAsync("amtool", "check-config", path);

            Assert.True(check.ExitCode == 0, check.Output);
            Assert.Contains("SUCCESS", check.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
