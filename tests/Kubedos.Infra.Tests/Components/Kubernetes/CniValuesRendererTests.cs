using Kubedos.Components.Kubernetes;

namespace Kubedos.Infra.Tests.Components.Kubernetes;

public sealed class CniValuesRendererTests
{
    [Fact]
    public void Values_Lab01_BindCiliumToWg3_TunnelOverIt_PodsFromTheSpec_HubbleWithRelay()
    {
        var cluster = ReferenceSpecs.Lab01();

        var values = CniValuesRenderer.Values(cluster);

        Assert.Equal(["wg3"], values.Devices);
        Assert.Equal("wg3", values.NodePort.DirectRoutingDevice);
        Assert.Equal(cluster.Node("cp-1").PlaneAddresses["wg3"].ToString(), values.K8sServiceHost);
        Assert.Equal(6443, values.K8sServicePort);
        Assert.True(values.KubeProxyReplacement);
        Assert.Equal(("tunnel", "vxlan"), (values.RoutingMode, values.TunnelProtocol));
        Assert.Equal(1420, values.Mtu);
        Assert.Equal("cluster-pool", values.Ipam.Mode);
        Assert.Equal(["10.244.0.0/16"], values.Ipam.Operator.ClusterPoolIPv4PodCidrList);
        Assert.Equal(24, values.Ipam.Operator.ClusterPoolIPv4MaskSize);
        Assert.True(values.Hubble.Enabled);
        Assert.True(values.Hubble.Relay.Enabled);
        Assert.False(values.Hubble.Ui.Enabled);
    }

    [Fact]
    public void Values_PodCidrAndHubbleFromTheSpec()
    {
        var cluster = ReferenceSpecs.Lab01("cni: {", "podCidr: 10.200.0.0/16\n    cni: { hubble: false,");

        var values = CniValuesRenderer.Values(cluster);

        Assert.Equal(["10.200.0.0/16"], values.Ipam.Operator.ClusterPoolIPv4PodCidrList);
        Assert.False(values.Hubble.Enabled);
        Assert.False(values.Hubble.Relay.Enabled);
    }

    [Fact]
    public void Render_WritesTheChartsKeyNames_AndPinsTheChartVersionBesideThem()
    {
        var files = CniValuesRenderer.Render(ReferenceSpecs.Lab01());

        var values = Assert.Single(files, f => f.Path == "cni/cilium-values.yaml").Content;
        foreach (var key in new[] { "k8sServiceHost: ", "k8sServicePort: 6443", "kubeProxyReplacement: true", "devices:\n- wg3", "  directRoutingDevice: wg3",
            "routingMode: tunnel", "tunnelProtocol: vxlan", "MTU: 1420", "  mode: cluster-pool", "    clusterPoolIPv4PodCIDRList:\n    - 10.244.0.0/16",
            "    clusterPoolIPv4MaskSize: 24", "policyEnforcementMode: default", "hubble:\n  enabled: true\n  relay:\n    enabled: true" })
        {
            Assert.Contains(key, values, StringComparison.Ordinal);
        }

        var release = ManifestWriter.ReadDocument<CniRelease>(Assert.Single(files, f => f.Path == "cni/cilium-release.yaml").Content);
        Assert.Equal(("cilium", "1.16.1", "kube-system", "cilium-values.yaml"), (release.Chart, release.Version, release.Namespace, release.Values));
    }

    [Fact]
    public void Render_ValuesReadBackStrictly_AnUnknownKeyFails()
    {
        var values = Assert.Single(CniValuesRenderer.Render(ReferenceSpecs.Lab01()), f => f.Path == "cni/cilium-values.yaml").Content;

        Assert.Equal(CniValuesRenderer.Values(ReferenceSpecs.Lab01()).Devices, ManifestWriter.ReadDocument<CniValues>(values).Devices);
        Assert.ThrowsAny<YamlDotNet.Core.YamlException>(() => ManifestWriter.ReadDocument<CniValues>(values + "tunnel: vxlan\n"));
    }
}
