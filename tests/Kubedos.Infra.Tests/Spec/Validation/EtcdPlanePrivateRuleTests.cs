using Kubedos.Infra.Tests.Components;

namespace Kubedos.Infra.Tests.Spec.Validation;

public sealed class EtcdPlanePrivateRuleTests
{
    [Fact]
    public void Validate_KubernetesLab01_IsValid()
    {
        var result = SpecText.Validate(LabSpecs.Lab01KubernetesYaml);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void Validate_RangeOverBothEtcdPortsFromWg2_NamesBothPortsAtTheRule()
    {
        var yaml = SpecText.ReplaceOnce(LabSpecs.Lab01KubernetesYaml, "\"9090/tcp\"", "\"2300-2400/tcp\"");

        var result = SpecText.Validate(yaml);

        var finding = Assert.Single(result.Diagnostics);
        Assert.Equal("etcd-plane-private", finding.RuleId);
        Assert.Contains("2379/tcp, 2380/tcp on wg3 to wg2", finding.Message, StringComparison.Ordinal);
        Assert.Equal(SpecText.LineOf(yaml, "2300-2400/tcp"), finding.Location.Line);
    }

    [Fact]
    public void Validate_EtcdPortsOverUdp_AreNotEtcds()
    {
        var yaml = SpecText.ReplaceOnce(LabSpecs.Lab01KubernetesYaml, "\"9090/tcp\"", "\"2379/udp\"");

        Assert.True(SpecText.Validate(yaml).Succeeded);
    }

    [Fact]
    public void Validate_DefaultInterPlaneAllowWithKubernetes_IsRefused()
    {
        var yaml = SpecText.ReplaceOnce(LabSpecs.Lab01KubernetesYaml, "defaultInterPlane: deny", "defaultInterPlane: allow");

        var result = SpecText.Validate(yaml);

        Assert.Contains(result.Diagnostics, d => d.RuleId == "etcd-plane-private" && d.Message.Contains("defaultInterPlane: allow opens etcd's ports", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_EtcdQuorumGateWithoutKubernetes_IsRefusedAtTheGate()
    {
        var yaml = SpecText.ReplaceOnce(Components.LabSpecs.Lab01WithoutKubernetesYaml, "      - security-baseline\n", "      - security-baseline\n      - etcd-quorum\n");

        var result = SpecText.Validate(yaml);

        var finding = Assert.Single(result.Diagnostics);
        Assert.Equal("etcd-plane-private", finding.RuleId);
        Assert.Equal(SpecText.LineOf(yaml, "- etcd-quorum"), finding.Location.Line);
    }

    [Fact]
    public void Validate_KubernetesWithoutConverge_IsRefusedAtKubernetesEnabled()
    {
        var yaml = SpecText.ReplaceOnce(LabSpecs.Lab01KubernetesYaml, "      enabled: true             # stage 5", "      enabled: false            # stage 5");

        var result = SpecText.Validate(yaml);

        // lab-01's observability stack needs converge too (observability-needs-converge); this rule speaks for etcd.
        var finding = Assert.Single(result.Diagnostics, d => d.RuleId == "etcd-plane-private");
        Assert.Equal("spec.kubernetes.enabled", finding.Path);
        Assert.Contains("orchestration.ansible.enabled: true", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KubernetesWithoutABackendPlane_IsRefused()
    {
        var yaml = SpecText.ReplaceOnce(LabSpecs.Lab01KubernetesYaml, "purpose: kubernetes-backend", "purpose: storage");

        var result = SpecText.Validate(yaml);

        Assert.Contains(result.Diagnostics, d => d.RuleId == "etcd-plane-private" && d.Message.Contains("no plane has purpose kubernetes-backend", StringComparison.Ordinal));
    }
}
