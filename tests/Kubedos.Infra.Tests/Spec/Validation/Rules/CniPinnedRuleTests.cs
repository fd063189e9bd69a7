using Kubedos.Infra.Tests.Components.Kubernetes;

namespace Kubedos.Infra.Tests.Spec.Validation.Rules;

public sealed class CniPinnedRuleTests
{
    [Fact]
    public void Validate_KubernetesEnabledWithoutACiliumVersion_IsRefusedAtTheCniSection()
    {
        var yaml = ReferenceSpecs.Lab01Yaml($"    cni: {{ version: \"{ReferenceSpecs.CiliumVersion}\" }}\n", "    cni: { hubble: true }\n");

        var refused = Assert.Single(SpecText.Validate(yaml).Diagnostics);

        Assert.Equal(("cni-pinned", "spec.kubernetes.cni"), (refused.RuleId, refused.Path));
        Assert.Equal(SpecText.LineOf(yaml, "cni: { hubble: true }"), refused.Location.Line);
        Assert.Contains("set kubernetes.cni.version", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.13.4", "predates chart 1.14")]
    [InlineData("v1.9.0", "predates chart 1.14")]
    public void Validate_ChartOlderThanTheValuesTheRendererWrites_IsRefused(string version, string message)
    {
        var yaml = ReferenceSpecs.Lab01Yaml(ReferenceSpecs.CiliumVersion, version);

        var refused = Assert.Single(SpecText.Validate(yaml).Diagnostics);

        Assert.Equal(("cni-pinned", "spec.kubernetes.cni.version"), (refused.RuleId, refused.Path));
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OpenVersion_IsVersionPinnedsFindingOnly()
    {
        var result = SpecText.Validate(ReferenceSpecs.Lab01Yaml(ReferenceSpecs.CiliumVersion, "1.16.x"));

        Assert.Equal(["version-pinned"], result.Diagnostics.Select(d => d.RuleId));
    }

    [Fact]
    public void Validate_PodNetworkWithFewerPerNodeBlocksThanNodes_IsRefused()
    {
        var yaml = ReferenceSpecs.Lab01Yaml("    cni: {", "    podCidr: 10.244.0.0/23\n    cni: {");

        var refused = Assert.Single(SpecText.Validate(yaml).Diagnostics);

        Assert.Equal(("cni-pinned", "spec.kubernetes.podCidr"), (refused.RuleId, refused.Path));
        Assert.Contains("holds 2 per-node /24 blocks, fewer than the 4 nodes", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KubernetesDisabled_AsksNothingOfTheCni()
    {
        Assert.Empty(SpecText.Validate(RepositoryFiles.Read("stacks/lab-01.yaml")).Diagnostics);
    }
}
