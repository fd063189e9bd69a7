using Kubedos.Engine.Policy;

namespace Kubedos.Policies;

/// <summary>The Kube'd'OS policy pack: what a run is allowed to do, judged over the registered resources and the planned steps.</summary>
internal static class KubedosPolicyPack
{
    public const string Name = "kubedos";

    /// <summary>The pack, policies in a stable order (the order of reports and SARIF rules).</summary>
    public static PolicyPack Create() => new(
        Name,
        HaQuorumPolicy.Create(),
        PlaneCidrDisjointPolicy.Create(),
        DestructionBoundaryPolicy.Create(),
        InterPlaneDefaultDenyPolicy.Create(),
        SshHardeningPolicy.Create(),
        PinnedPayloadsPolicy.Create(),
        EnrollmentGatedPolicy.Create(),
        BootstrapTofuPolicy.Create(),
        SecretsEncryptedPolicy.Create());
}
