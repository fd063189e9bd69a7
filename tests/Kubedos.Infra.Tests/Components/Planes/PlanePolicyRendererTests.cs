using Kubedos.Components.Planes;
using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Infra.Tests.Components.Planes;

public sealed class PlanePolicyRendererTests
{
    [Fact]
    public void Render_Lab01_OpensEachRuleExactlyAndDeniesTheRest()
    {
        var cluster = LabSpecs.Lab01;

        var text = PlanePolicyRenderer.Render(cluster.Planes, InterPlaneFlow.Of(cluster), InterPlaneDefault.Deny);

        Assert.Contains("iifname \"wg3\" ip saddr 10.101.0.0/24 ip daddr 10.103.0.0/24 tcp dport { 6443, 10250 } accept", text, StringComparison.Ordinal);
        Assert.Contains("iifname \"wg3\" ip saddr 10.102.0.0/24 ip daddr 10.103.0.0/24 tcp dport { 9090, 3000, 3100 } accept", text, StringComparison.Ordinal);
        Assert.Contains("iifname \"wg2\" ip saddr 10.102.0.0/24 ip daddr 10.102.0.0/24 accept", text, StringComparison.Ordinal);
        Assert.DoesNotContain("iifname \"wg1\" ip saddr 10.103", text, StringComparison.Ordinal);
        Assert.Contains("counter drop comment \"defaultInterPlane: deny\"\n  }\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Lab01_MarksConnectionsArrivingFromAnotherPlaneWithThatPlanesReplyTable()
    {
        var cluster = LabSpecs.Lab01;

        var text = PlanePolicyRenderer.Render(cluster.Planes, InterPlaneFlow.Of(cluster), InterPlaneDefault.Deny);

        Assert.Contains("iifname \"wg3\" ip saddr != 10.103.0.0/24 ct state new ct mark set 1102", text, StringComparison.Ordinal);
        Assert.Contains("type route hook output priority mangle; policy accept;\n    ct mark != 0 meta mark set ct mark", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(1102, WireGuardConfigRenderer.ReplyTable(cluster.Planes, cluster.Plane("wg3")));
    }

    [Fact]
    public void Parse_PortSpecs_ReadSinglePortsAndRanges()
    {
        Assert.Equal(new PortRange(2379, 2380, "tcp"), PortRange.Parse("2379-2380/tcp"));
        Assert.Equal(new PortRange(53, 53, "udp"), PortRange.Parse("53/udp"));
        Assert.Throws<FormatException>(() => PortRange.Parse("53/icmp"));
    }
}
