using Kubedos.Components.Planes;

namespace Kubedos.Infra.Tests.Components.Planes;

public sealed class WireGuardConfigRendererTests
{
    [Fact]
    public void Peers_Lab01Wg3_AdmitEachPeersSourcePlaneAddressesOfTheRules()
    {
        var cluster = LabSpecs.Lab01;
        var flows = InterPlaneFlow.Of(cluster);

        var peers = WireGuardConfigRenderer.Peers(cluster.Plane("wg3"), cluster.Node("cp-1"), cluster.Nodes, flows, n => $"key-{n.Name}", n => $"10.250.1.{n.Offset}");

        Assert.Equal(["cp-2", "cp-3", "w-1"], peers.Select(p => p.Name));
        var cp2 = peers[0];
        Assert.Equal("10.250.1.12:51823", cp2.Endpoint);
        Assert.Equal(["10.103.0.12/32", "10.101.0.12/32", "10.102.0.12/32"], cp2.AllowedIps);
    }

    [Fact]
    public void Peers_Lab01Wg1_AdmitOnlyThePeersWg1Address()
    {
        var cluster = LabSpecs.Lab01;

        var peers = WireGuardConfigRenderer.Peers(cluster.Plane("wg1"), cluster.Node("w-1"), cluster.Nodes, InterPlaneFlow.Of(cluster), n => "k", n => "10.250.1.1");

        Assert.All(peers, p => Assert.Single(p.AllowedIps));
    }

    [Fact]
    public void RenderUpScript_Wg3_SendsRepliesToRuleSourcesBackThroughWg3()
    {
        var cluster = LabSpecs.Lab01;

        var script = WireGuardConfigRenderer.RenderUpScript(cluster.Plane("wg3"), cluster.Node("cp-1"), cluster.Planes, InterPlaneFlow.Of(cluster));

        Assert.Contains("ip address replace 10.103.0.11/24 dev wg3", script, StringComparison.Ordinal);
        Assert.Contains("ip route replace 10.101.0.0/24 dev wg3 table 1102", script, StringComparison.Ordinal);
        Assert.Contains("ip route replace 10.102.0.0/24 dev wg3 table 1102", script, StringComparison.Ordinal);
        Assert.Contains("ip rule add fwmark 1102 table 1102 priority 1102", script, StringComparison.Ordinal);
        Assert.DoesNotContain("ip rule add from", script, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderUpScript_Wg1OfLab01_NoPlaneSendsIntoIt_NoReplyTable()
    {
        var cluster = LabSpecs.Lab01;

        var script = WireGuardConfigRenderer.RenderUpScript(cluster.Plane("wg1"), cluster.Node("cp-1"), cluster.Planes, InterPlaneFlow.Of(cluster));

        Assert.DoesNotContain("table", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_Config_HidesThePrivateKeyOnly()
    {
        var cluster = LabSpecs.Dev;
        var config = WireGuardConfigRenderer.RenderConfig(cluster.Plane("wg1"), "PRIVATE", []);

        var redacted = WireGuardConfigRenderer.Redact(config);

        Assert.DoesNotContain("PRIVATE", redacted, StringComparison.Ordinal);
        Assert.Contains("ListenPort = 51821", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Carried_DefaultDeny_IsTheRulesOnly()
    {
        var cluster = LabSpecs.Lab01;

        Assert.Equal(
            InterPlaneFlow.Of(cluster).Select(f => $"{f.From.Name}->{f.To.Name} {string.Join(',', f.Ports)}"),
            InterPlaneFlow.Carried(cluster).Select(f => $"{f.From.Name}->{f.To.Name} {string.Join(',', f.Ports)}"));
    }

    [Fact]
    public void Carried_DefaultAllow_EveryPeerAdmitsEveryPlaneAddressAndRepliesGoBackOnEveryPlane()
    {
        var cluster = LabSpecs.Lab01Open;
        var carried = InterPlaneFlow.Carried(cluster);

        var peers = WireGuardConfigRenderer.Peers(cluster.Plane("wg1"), cluster.Node("cp-1"), cluster.Nodes, carried, n => "k", n => "10.250.1.1");
        var script = WireGuardConfigRenderer.RenderUpScript(cluster.Plane("wg1"), cluster.Node("cp-1"), cluster.Planes, carried);

        Assert.Equal(cluster.Planes.Count * (cluster.Planes.Count - 1), carried.Select(f => (f.From.Name, f.To.Name)).Distinct().Count());
        Assert.Equal(["10.101.0.12/32", "10.102.0.12/32", "10.103.0.12/32"], peers.Single(p => p.Name == "cp-2").AllowedIps.Order(StringComparer.Ordinal));
        Assert.Contains("ip route replace 10.102.0.0/24 dev wg1 table 1100", script, StringComparison.Ordinal);
        Assert.Contains("ip route replace 10.103.0.0/24 dev wg1 table 1100", script, StringComparison.Ordinal);
    }
}
