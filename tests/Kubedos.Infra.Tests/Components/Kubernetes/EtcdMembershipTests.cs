using Kubedos.Components.Kubernetes;

namespace Kubedos.Infra.Tests.Components.Kubernetes;

public sealed class EtcdMembershipTests
{
    [Fact]
    public void Of_Lab01_EveryControlPlaneOnItsWg3AddressWithAQuorumOfTwo()
    {
        var cluster = LabSpecs.Lab01Kubernetes;

        var membership = EtcdMembership.Of(cluster);

        Assert.Equal("wg3", membership.Plane.Name);
        Assert.Equal(["cp-1", "cp-2", "cp-3"], membership.Members.Select(m => m.Name));
        Assert.Equal(cluster.Kubernetes.Ha.ControlPlaneReplicas, membership.Members.Count);
        Assert.Equal(2, membership.Quorum);
        Assert.Equal(cluster.Node("cp-2").PlaneAddresses["wg3"], membership.MemberOn("cp-2")!.Address);
        Assert.Null(membership.MemberOn("w-1"));
        var cp1 = cluster.Node("cp-1").PlaneAddresses["wg3"];
        Assert.Equal($"https://{cp1}:2379", membership.ClientUrls[0]);
        Assert.StartsWith($"cp-1=https://{cp1}:2380,cp-2=https://", membership.InitialCluster, StringComparison.Ordinal);
        Assert.Equal(3, membership.InitialCluster.Split(',').Length);
    }

    [Fact]
    public void Of_Dev_OneMemberIsItsOwnQuorum()
    {
        var membership = EtcdMembership.Of(LabSpecs.DevKubernetes);

        var member = Assert.Single(membership.Members);
        Assert.Equal(1, membership.Quorum);
        Assert.Equal($"{member.Name}={member.PeerUrl}", membership.InitialCluster);
    }

    [Fact]
    public void Profiles_PeerNamesTheWg3AddressOnly_ServerAlsoItsWg2MetricsAddress()
    {
        var cluster = LabSpecs.Lab01Kubernetes;
        var member = EtcdMembership.Of(cluster).Members[1];
        Assert.True(cluster.Kubernetes.Observability.Enabled);
        var wg2 = cluster.Node(member.Name).PlaneAddresses["wg2"];
        Assert.Equal(wg2, member.MetricsAddress);

        var server = EtcdCertificateProfile.Server(member);
        var peer = EtcdCertificateProfile.Peer(member);

        Assert.Equal([member.Address.ToString(), wg2.ToString()], server.IpAddresses);
        Assert.Equal([member.Address.ToString()], peer.IpAddresses);
        foreach (var profile in new[] { server, peer })
        {
            Assert.Equal(member.Name, profile.CommonName);
            Assert.Equal([member.Name], profile.DnsNames);
            Assert.Contains("server_auth", profile.AllowedUses);
            Assert.Contains("client_auth", profile.AllowedUses);
        }

        Assert.DoesNotContain("server_auth", EtcdCertificateProfile.HealthcheckClient.AllowedUses);
        Assert.DoesNotContain("server_auth", EtcdCertificateProfile.ApiserverClient.AllowedUses);
    }

    [Fact]
    public void Profiles_WithoutObservability_TheServerNamesTheWg3AddressOnly()
    {
        var member = EtcdMembership.Of(LabSpecs.DevKubernetes).Members[0];
        Assert.Null(member.MetricsAddress);

        Assert.Equal([member.Address.ToString()], EtcdCertificateProfile.Server(member).IpAddresses);
    }
}
