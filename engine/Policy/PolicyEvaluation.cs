using System.Collections.Immutable;

namespace Kubedos.Engine.Policy;

/// <summary>The violations found by an evaluation, in pack, policy and resource order.</summary>
public sealed record PolicyEvaluation(ImmutableArray<PolicyViolation> Violations)
{
    /// <summary>No violations.</summary>
    public static PolicyEvaluation None { get; } = new(ImmutableArray<PolicyViolation>.Empty);

    /// <summary>True when any violation is mandatory: <c>preview</c> fails, <c>up</c> must not change anything.</summary>
    public bool HasMandatory => Violations.Any(v => v.EnforcementLevel == EnforcementLevel.Mandatory);

    /// <summary>The mandatory violations.</summary>
    public IEnumerable<PolicyViolation> Mandatory => Violations.Where(v => v.EnforcementLevel == EnforcementLevel.Mandatory);

    /// <summary>Both evaluations' violations.</summary>
    public PolicyEvaluation Concat(PolicyEvaluation other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new PolicyEvaluation(Violations.AddRange(other.Violations));
    }
}
