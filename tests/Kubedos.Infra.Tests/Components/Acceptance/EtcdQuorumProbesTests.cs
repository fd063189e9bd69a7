using Kubedos.Components.Acceptance;
using Kubedos.Spec.Validation.Support;

namespace Kubedos.Infra.Tests.Components.Acceptance;

public sealed class EtcdQuorumProbesTests
{
    [Fact]
    public void ForNode_FirstMember_ChecksHealthLeaderReplicationTlsAndReachability()
    {
        var cluster = LabSpecs.Lab01Kubernetes;

        var probes = ProbePlan.ForNode(cluster, cluster.Node("cp-1"), FieldSupport.RunnableGates).Where(p => p.Gate == EtcdQuorumProbes.Gate).ToList();

        Assert.Single(probes, p => p.What == "member cp-1 healthy at https://10.103.0.11:2379");
        Assert.Single(probes, p => p.What.Contains("name one leader", StringComparison.Ordinal) && p.Command.Contains("--endpoints=https://10.103.0.11:2379,https://10.103.0.12:2379,https://10.103.0.13:2379", StringComparison.Ordinal));
        Assert.Equal(["cp-2", "cp-3"], probes.Where(p => p.What.StartsWith("a key written", StringComparison.Ordinal)).Select(p => p.To));
        Assert.Equal(4, probes.Count(p => p.Expect == ProbeExpectation.TlsRefused));
        Assert.Contains(probes, p => p.Expect == ProbeExpectation.TlsRefused && p.Command.Contains("kubedos-foreign", StringComparison.Ordinal) && p.Command.EndsWith("https://10.103.0.11:2380/health", StringComparison.Ordinal));
        Assert.Contains(probes, p => (p.Expect, p.Command) == (ProbeExpectation.Unreachable, "nc -z -v -n -w 2 -s 10.101.0.11 10.103.0.12 2379"));
        Assert.Contains(probes, p => (p.Expect, p.Command) == (ProbeExpectation.Unreachable, "nc -z -v -n -w 2 -s 10.102.0.11 10.103.0.12 2380"));
        Assert.Contains(probes, p => (p.Expect, p.Command) == (ProbeExpectation.Unreachable, "nc -z -v -n -w 2 -s 10.102.0.11 10.102.0.12 2379"));
        Assert.Equal(8, probes.Count(p => p.Expect == ProbeExpectation.Unreachable));
        Assert.All(probes.Where(p => p.Command.Contains("etcdctl", StringComparison.Ordinal)), p =>
            Assert.Contains("--cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt --key=/etc/kubernetes/pki/etcd/healthcheck-client.key", p.Command, StringComparison.Ordinal));
    }

    [Fact]
    public void ForNode_OtherMemberAndWorker_NoLeaderOrReplicationProbes()
    {
        var cluster = LabSpecs.Lab01Kubernetes;

        var member = EtcdQuorumProbes.ForNode(cluster, cluster.Node("cp-2"));
        var worker = EtcdQuorumProbes.ForNode(cluster, cluster.Node("w-1"));

        Assert.Single(member, p => p.What.Contains("healthy", StringComparison.Ordinal));
        Assert.DoesNotContain(member, p => p.What.Contains("leader", StringComparison.Ordinal) || p.What.StartsWith("a key", StringComparison.Ordinal));
        Assert.All(worker, p => Assert.Equal(ProbeExpectation.Unreachable, p.Expect));
        Assert.Equal(8, worker.Count);
        Assert.All(worker, p => Assert.Equal("cp-1", p.To));
    }

    [Fact]
    public void ForNode_Dev_OneMemberProvesWhatOneNodeCan()
    {
        var cluster = LabSpecs.DevKubernetes;
        var self = cluster.Nodes[0];

        var probes = EtcdQuorumProbes.ForNode(cluster, self);

        Assert.Contains(probes, p => p.What.Contains("name one leader", StringComparison.Ordinal));
        Assert.Equal(self.Name, Assert.Single(probes, p => p.What.StartsWith("a key written", StringComparison.Ordinal)).To);
        Assert.Equal(4, probes.Count(p => p.Expect == ProbeExpectation.TlsRefused));
        Assert.DoesNotContain(probes, p => p.Expect == ProbeExpectation.Unreachable);
    }

    [Fact]
    public void ForOperator_EachMember_PortsUnreachableOnTheUnderlayAndOverWg1()
    {
        var cluster = LabSpecs.Lab01Kubernetes;
        OperatorTarget[] targets = [new(cluster.Node("cp-1"), "10.250.1.11", "k"), new(cluster.Node("w-1"), "10.250.1.21", "k")];

        var probes = ProbePlan.ForOperator(cluster, targets, FieldSupport.RunnableGates, keyLogin: false).Where(p => p.Gate == EtcdQuorumProbes.Gate).ToList();

        Assert.Equal(
            ["nc -z -v -n -w 2 10.250.1.11 2379", "nc -z -v -n -w 2 10.101.0.11 2379", "nc -z -v -n -w 2 10.250.1.11 2380", "nc -z -v -n -w 2 10.101.0.11 2380"],
            probes.Select(p => p.Command));
        Assert.DoesNotContain(ProbePlan.ForOperator(cluster, targets, FieldSupport.RunnableGates, keyLogin: true), p => p.Gate == EtcdQuorumProbes.Gate);
    }

    [Fact]
    public void Gates_NoneRequired_EtcdQuorumOnlyWhereEtcdRuns()
    {
        var off = SpecTextWithoutRequiredGates(LabSpecs.Lab01WithoutKubernetesYaml);
        var on = SpecTextWithoutRequiredGates(LabSpecs.Lab01KubernetesYaml);

        Assert.DoesNotContain(EtcdQuorumProbes.Gate, off.AcceptanceGates);
        Assert.Contains(EtcdQuorumProbes.Gate, on.AcceptanceGates);
        Assert.Empty(EtcdQuorumProbes.ForNode(LabSpecs.Lab01WithoutKubernetes, LabSpecs.Lab01WithoutKubernetes.Node("cp-1")));
    }

    [Theory]
    [InlineData(nameof(ProbeExpectation.TlsRefused), 56, "curl: (56) OpenSSL SSL_read: sslv3 alert bad certificate", true)]
    [InlineData(nameof(ProbeExpectation.TlsRefused), 55, "curl: (55) getpeername() failed", true)]
    [InlineData(nameof(ProbeExpectation.TlsRefused), 0, "{\"health\":\"true\"}", false)]
    [InlineData(nameof(ProbeExpectation.TlsRefused), 7, "curl: (7) Failed to connect: Connection refused", false)]
    [InlineData(nameof(ProbeExpectation.TlsRefused), 28, "curl: (28) Connection timed out", false)]
    [InlineData(nameof(ProbeExpectation.Unreachable), 1, "(UNKNOWN) [10.103.0.12] 2379 (?) : Connection timed out", true)]
    [InlineData(nameof(ProbeExpectation.Unreachable), 1, "(UNKNOWN) [10.101.0.12] 2379 (?) : Connection refused", true)]
    [InlineData(nameof(ProbeExpectation.Unreachable), 0, "Connection to 10.103.0.12 2379 port [tcp/*] succeeded!", false)]
    public void Passed_EtcdExpectations_JudgeWhatTheProbeSaw(string expect, int exitCode, string saw, bool passed)
    {
        var result = new ProbeResult(EtcdQuorumProbes.Gate, "cp-1", "cp-2", "what", Enum.Parse<ProbeExpectation>(expect), exitCode, saw, "t0", "t1");

        Assert.Equal(passed, result.Passed);
    }

    private static Kubedos.Spec.Normalisation.NormalisedCluster SpecTextWithoutRequiredGates(string yaml)
    {
        var required = yaml.Contains("      - etcd-quorum\n", StringComparison.Ordinal) ? "      - observability-stack\n      - etcd-quorum\n" : "      - observability-stack\n";
        var text = Kubedos.Infra.Tests.Spec.SpecText.ReplaceOnce(yaml, "    required:\n      - backplane-matrix\n      - security-baseline\n" + required, "    required: []\n");
        var result = Kubedos.Infra.Tests.Spec.SpecText.Validate(text);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return Kubedos.Spec.Normalisation.SpecNormaliser.Normalise(result.Document!);
    }
}
