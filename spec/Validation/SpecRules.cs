using Kubedos.Spec.Validation.Rules;

namespace Kubedos.Spec.Validation;

/// <summary>Every ClusterSpec validation rule, in the order their findings are reported.</summary>
internal static class SpecRules
{
    public static IReadOnlyList<ISpecRule> All { get; } =
    [
        new DocumentTypeRule(),
        new ClusterNameRule(),
        new SubstrateVariantRule(),
        new VmidRangeRule(),
        new VlanTrunkRule(),
        new NodeNameRule(),
        new NodeNameUniqueRule(),
        new FailureDomainRule(),
        new NodeResourcesRule(),
        new HaReplicasOddRule(),
        new HaReplicasMatchInventoryRule(),
        new PlaneCidrRule(),
        new PlaneCidrDisjointRule(),
        new ClusterNetworkDisjointRule(),
        new CidrRangeRule(),
        new PlaneCapacityRule(),
        new NodeAddressRule(),
        new DefaultInterPlaneRule(),
        new AllowRulePlanesRule(),
        new AllowRulePortsRule(),
        new CaFingerprintRule(),
        new JoinWindowRule(),
        new SshPolicyRule(),
        new RotationRule(),
        new CephReplicationRule(),
        new VersionPinnedRule(),
        new CniPinnedRule(),
        new ObservabilityPlaneRule(),
        new AcceptanceGateRule(),
        new GateNeedsKubeletRule(),
        new GateUnsupportedRule(),
        new DrillRule(),
    ];

    /// <summary>The rules that also read where each field was written.</summary>
    public static IReadOnlyList<IWrittenSpecRule> Written { get; } =
    [
        new UnsupportedFieldRule(),
    ];

    /// <summary>Every rule's id and summary (spec/README.md lists each).</summary>
    public static IReadOnlyList<(string Id, string Summary)> Described { get; } =
        [.. All.Select(r => (r.Id, r.Summary)), .. Written.Select(r => (r.Id, r.Summary))];
}
