using Kubedos.Engine.Model;
using Kubedos.Engine.Policy;
using Kubedos.Infra.Tests.Spec;
using Kubedos.Policies;

namespace Kubedos.Infra.Tests.Policies;

/// <summary>
/// One rule, one verdict: where validate and the policy pack judge the same thing, the same input gets the
/// same answer from both (validate's rule and the policy share one implementation).
/// </summary>
public sealed class SpecPolicyAgreementTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("1.30.4", true)]
    [InlineData("v1.30.4", true)]
    [InlineData("2.40.1-1ubuntu1", true)]
    [InlineData(Digest, true)]
    [InlineData("v1.30.x", false)]
    [InlineData("latest", false)]
    [InlineData("1.x", false)]
    [InlineData("~1.2.0", false)]
    public void VersionPinned_AndPinnedPayloads_GiveTheSameVerdict(string version, bool pinned)
    {
        var yaml = SpecText.ReplaceOnce(RepositoryFiles.Read("stacks/dev.yaml"), "    allowReset: false\n", $"    allowReset: false\n    version: \"{version}\"\n");

        var byValidate = !SpecText.Validate(yaml).Diagnostics.Any(d => d.RuleId == "version-pinned");
        var fact = Fact(PolicyContract.KubernetesVersionPath, version);
        var byPolicy = PolicyHarness.Evaluate([fact], [PolicyHarness.Create(fact)]).Violations.All(v => v.PolicyName != PinnedPayloadsPolicy.Id);

        Assert.Equal(pinned, byValidate);
        Assert.Equal(pinned, byPolicy);
    }

    [Theory]
    [InlineData("cidr: 10.103.0.0/24", "cidr: 10.244.3.0/24", true)]   // inside the default pod network, Kubernetes off
    [InlineData("cidr: 10.103.0.0/24", "cidr: 10.96.3.0/24", true)]    // inside the default service network, Kubernetes off
    [InlineData("cidr: 10.103.0.0/24", "cidr: 10.102.0.128/25", false)] // inside another plane
    public void PlaneNetworks_ValidateAndPlaneCidrDisjoint_GiveTheSameVerdict(string find, string replace, bool disjoint)
    {
        var yaml = SpecText.ReplaceOnce(Components.LabSpecs.Lab01WithoutKubernetesYaml, find, replace);

        var loaded = SpecText.Validate(yaml);
        var byValidate = !loaded.Diagnostics.Any(d => d.RuleId is "plane-cidr-disjoint" or "cluster-network-disjoint");
        var facts = SpecFacts.Of(loaded.Document!.Spec).Select(f => Fact(f.Path, f.Value)).ToList();
        var byPolicy = PolicyHarness.Evaluate(facts, facts.Select(PolicyHarness.Create)).Violations.All(v => v.PolicyName != PlaneCidrDisjointPolicy.Id);

        Assert.Equal(disjoint, byValidate);
        Assert.Equal(disjoint, byPolicy);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    [InlineData(5, true)]
    public void HaControlPlane_HaReplicasOddAndHaQuorum_GiveTheSameVerdict(int controlPlanes, bool quorum)
    {
        var nodes = string.Concat(Enumerable.Range(1, controlPlanes).Select(i => $"      - {{ name: dev-{i}, role: control-plane, index: {10 + i} }}\n"));
        var yaml = SpecText.ReplaceOnce(RepositoryFiles.Read("stacks/dev.yaml"), "      - { name: dev-1, role: control-plane, index: 11 }\n", nodes);
        yaml = SpecText.ReplaceOnce(yaml, "enabled: false\n      controlPlaneReplicas: 1", $"enabled: true\n      controlPlaneReplicas: {controlPlanes}");

        var loaded = SpecText.Validate(yaml);
        var byValidate = !loaded.Diagnostics.Any(d => d.RuleId == "ha-replicas-odd");
        var facts = SpecFacts.Of(loaded.Document!.Spec).Select(f => Fact(f.Path, f.Value)).ToList();
        var byPolicy = PolicyHarness.Evaluate(facts, facts.Select(PolicyHarness.Create)).Violations.All(v => v.PolicyName != HaQuorumPolicy.Id);

        Assert.Equal(quorum, byValidate);
        Assert.Equal(quorum, byPolicy);
    }

    private static PolicyResource Fact(string path, PropertyValue value) =>
        PolicyHarness.Resource(PolicyContract.SpecFactType, path, PropertyMap.Of(("path", path), ("value", value)));
}
