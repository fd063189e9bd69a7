using Kubedos.Components.Firstboot;

namespace Kubedos.Infra.Tests.Components.Firstboot;

public sealed class BaselineFirewallRendererTests
{
    [Fact]
    public void Render_Lab01_DropsByDefaultAndOpensOnlyWireGuardOnTheUnderlay()
    {
        var text = BaselineFirewallRenderer.Render(LabSpecs.Lab01.Planes);

        Assert.Contains("policy drop;", text, StringComparison.Ordinal);
        Assert.Contains("iifname != { \"wg1\", \"wg2\", \"wg3\" } udp dport { 51821, 51822, 51823 } accept", text, StringComparison.Ordinal);
        Assert.DoesNotContain("tcp dport", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderScript_EveryKey_ReportsAppliedOrSkipped()
    {
        var script = SysctlBaseline.RenderScript();

        Assert.Equal(SysctlBaseline.Settings.Count, script.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("net.ipv4.ip_nonlocal_bind=1", script, StringComparison.Ordinal);
    }
}
