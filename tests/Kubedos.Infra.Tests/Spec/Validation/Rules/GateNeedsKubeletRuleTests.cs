using Kubedos.Infra.Tests.Components.Kubernetes;

namespace Kubedos.Infra.Tests.Spec.Validation.Rules;

public sealed class GateNeedsKubeletRuleTests
{
    [Theory]
    [InlineData("k8s-health", "needs an API server and a kubelet")]
    [InlineData("cilium-health", "Cilium runs as pods under a kubelet")]
    [InlineData("hubble-flows", "Hubble runs inside the Cilium agents")]
    public void Validate_KubeletGateOnTheLocalLab_IsRefusedOnceAtItsLine_WithTheReason(string gate, string reason)
    {
        var yaml = ReferenceSpecs.Lab01Yaml("      - security-baseline\n", $"      - security-baseline\n      - {gate}\n");

        var result = SpecText.Validate(yaml);

        var refused = Assert.Single(result.Diagnostics);
        Assert.Equal("gate-needs-kubelet", refused.RuleId);
        Assert.Equal("spec.acceptance.required[2]", refused.Path);
        Assert.Equal(SpecText.LineOf(yaml, $"- {gate}"), refused.Location.Line);
        Assert.Contains("cannot run on the local substrate", refused.Message, StringComparison.Ordinal);
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.Contains("out/<stack>/kubernetes/", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KubernetesEnabledWithoutKubeletGates_IsValid()
    {
        var result = SpecText.Validate(ReferenceSpecs.Lab01Yaml());

        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Validate_KubeletGateOnASubstrateThatCouldRunIt_WithoutKubernetes_SaysKubernetesIsOff()
    {
        // The proxmox example, with Kubernetes turned off: its kubelet gates are refused for that, not for the substrate.
        var yaml = SpecText.ReplaceOnce(RepositoryFiles.Read("stacks/lab-01-proxmox.yaml"), "  kubernetes:\n    enabled: true", "  kubernetes:\n    enabled: false");

        var result = SpecText.Validate(yaml);

        var refused = result.Diagnostics.Where(d => d.RuleId == "gate-needs-kubelet").ToList();
        Assert.Equal(["spec.acceptance.required[2]", "spec.acceptance.required[3]", "spec.acceptance.required[4]"], refused.Select(d => d.Path));
        Assert.All(refused, d => Assert.Contains("does not enable (kubernetes.enabled: false)", d.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Diagnostics, d => d.RuleId == "gate-unsupported");
    }

    [Fact]
    public void Validate_HubbleFlowsWithHubbleOff_OnASubstrateThatCouldRunIt_SaysHubbleIsOff()
    {
        var yaml = SpecText.ReplaceOnce(RepositoryFiles.Read("stacks/lab-01-proxmox.yaml"), "      hubble: true", "      hubble: false");

        var result = SpecText.Validate(yaml);

        var refused = Assert.Single(result.Diagnostics, d => d.RuleId == "gate-needs-kubelet");
        Assert.Equal(SpecText.LineOf(yaml, "- hubble-flows"), refused.Location.Line);
        Assert.Contains("kubernetes.cni.hubble: false", refused.Message, StringComparison.Ordinal);
    }
}
