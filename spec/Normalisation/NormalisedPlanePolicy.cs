using Kubedos.Spec.Model;

namespace Kubedos.Spec.Normalisation;

/// <summary>What may flow between planes (<c>networking.policy</c>), planes and ports parsed.</summary>
/// <param name="DefaultInterPlane">The default between planes; validation requires it, so null only reaches a stage that skipped validation.</param>
/// <param name="Allow">Each allow rule, in the spec's order.</param>
internal sealed record NormalisedPlanePolicy(InterPlaneDefault? DefaultInterPlane, IReadOnlyList<NormalisedAllowRule> Allow)
{
    /// <summary>True when traffic no rule names passes between planes.</summary>
    public bool OpenByDefault => DefaultInterPlane == InterPlaneDefault.Allow;
}
