using Kubedos.Components.Kubernetes;

namespace Kubedos.Infra.Tests.Components.Kubernetes;

public sealed class KubeadmConfigRendererTests
{
    [Fact]
    public void Render_Lab01_FirstControlPlaneInitsTheOthersJoin()
    {
        var configs = KubeadmConfigRenderer.Render(LabSpecs.Lab01Kubernetes);

        Assert.Equal(["cp-1", "cp-2", "cp-3", "w-1"], configs.Select(c => c.Node));
        Assert.Collection(configs[0].Documents, d => Assert.IsType<KubeadmInitConfiguration>(d), d => Assert.IsType<KubeadmClusterConfiguration>(d));
        Assert.NotNull(Assert.IsType<KubeadmJoinConfiguration>(Assert.Single(configs[1].Documents)).ControlPlane);
        Assert.Null(Assert.IsType<KubeadmJoinConfiguration>(Assert.Single(configs[3].Documents)).ControlPlane);
    }

    [Fact]
    public void Render_Lab01_ExternalEtcdIsTheMembersWg3ClientUrlsWithTheApiserverClientPair()
    {
        var cluster = LabSpecs.Lab01Kubernetes;

        var configuration = KubeadmConfigRenderer.Render(cluster)[0].Documents.OfType<KubeadmClusterConfiguration>().Single();

        var external = configuration.Etcd.External!;
        Assert.Equal(new[] { "cp-1", "cp-2", "cp-3" }.Select(n => $"https://{cluster.Node(n).PlaneAddresses["wg3"]}:2379"), external.Endpoints);
        Assert.Equal("/etc/kubernetes/pki/etcd/ca.crt", external.CaFile);
        Assert.Equal("/etc/kubernetes/pki/apiserver-etcd-client.crt", external.CertFile);
        Assert.Equal("/etc/kubernetes/pki/apiserver-etcd-client.key", external.KeyFile);
        Assert.Equal("v1.30.4", configuration.KubernetesVersion);
        Assert.Equal(cluster.Kubernetes.PodCidr, configuration.Networking.PodSubnet);
        Assert.Equal(cluster.Kubernetes.ServiceCidr, configuration.Networking.ServiceSubnet);
        Assert.Equal($"{cluster.Node("cp-1").PlaneAddresses["wg3"]}:6443", configuration.ControlPlaneEndpoint);
        foreach (var node in new[] { "cp-1", "cp-2", "cp-3" })
        {
            Assert.Contains(node, configuration.ApiServer.CertSans);
            Assert.Contains(cluster.Node(node).PlaneAddresses["wg1"].ToString(), configuration.ApiServer.CertSans);
            Assert.Contains(cluster.Node(node).PlaneAddresses["wg3"].ToString(), configuration.ApiServer.CertSans);
        }

        Assert.DoesNotContain("w-1", configuration.ApiServer.CertSans);
    }

    [Fact]
    public void SerializeThenRead_EveryNode_RoundTripsStrictlyWithKubeadmFieldNames()
    {
        foreach (var config in KubeadmConfigRenderer.Render(LabSpecs.Lab01Kubernetes))
        {
            var text = KubeadmConfigRenderer.Serialize(config.Documents);

            var read = KubeadmConfigRenderer.Read(text);

            Assert.Equal(text, KubeadmConfigRenderer.Serialize(read));
            Assert.Contains("apiVersion: kubeadm.k8s.io/v1beta4", text, StringComparison.Ordinal);
            Assert.DoesNotContain("token", text, StringComparison.OrdinalIgnoreCase);
        }

        var init = KubeadmConfigRenderer.Serialize(KubeadmConfigRenderer.Render(LabSpecs.Lab01Kubernetes)[0].Documents);
        foreach (var field in new[] { "localAPIEndpoint:", "advertiseAddress:", "bindPort: 6443", "criSocket:", "kubeletExtraArgs:", "controlPlaneEndpoint:", "certSANs:", "external:", "caFile:", "certFile:", "keyFile:", "podSubnet:", "serviceSubnet:", "kubernetesVersion: v1.30.4" })
        {
            Assert.Contains(field, init, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Read_UnknownField_Fails()
    {
        var text = KubeadmConfigRenderer.Serialize(KubeadmConfigRenderer.Render(LabSpecs.Lab01Kubernetes)[0].Documents);

        var e = Assert.Throws<FormatException>(() => KubeadmConfigRenderer.Read(text.Replace("podSubnet:", "podSubnets:", StringComparison.Ordinal)));

        Assert.Contains("ClusterConfiguration", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AnotherApiVersion_Fails()
    {
        var text = KubeadmConfigRenderer.Serialize(KubeadmConfigRenderer.Render(LabSpecs.Lab01Kubernetes)[1].Documents);

        Assert.Throws<FormatException>(() => KubeadmConfigRenderer.Read(text.Replace("v1beta4", "v1beta3", StringComparison.Ordinal)));
    }
}
