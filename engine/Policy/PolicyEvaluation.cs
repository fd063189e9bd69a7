using System.Collections.Immutable;

namespace Kubedos.Engine.Policy;

/// <summary>The violations found by an evaluation (<see cref="PolicyEvaluator.Evaluate"/>: in policy, URN and message order).</summary>
public sealed record PolicyEvaluation(ImmutableArray<PolicyViolation> Violations)
{
    /// <summary>No violations.</summary>
    public static PolicyEvaluation None { get; } = new(ImmutableArray<PolicyViolation>.Empty);

    /// <summary>True when any violation is mandatory: <c>preview</c> fails, <c>up</c> must not change anything.</summary>
    public bool HasMandatory => Violations.Any(v => v.EnforcementLevel == EnforcementLevel.Mandatory);

    /// <summary>The mandatory violations.</summary>
    public IEnumerable<PolicyViolation> Mandatory => Violations.Where(v => v.EnforcementLevel == EnforcementLevel.Mandatory);

    /// <summary>The violations sorted by policy name, URN (stack-wide ones first), message and pack: the same plan reads the same on every run.</summary>
    public PolicyEvaluation Ordered() => new([.. Violations
        .OrderBy(v => v.PolicyName, StringComparer.Ordinal)
        .ThenBy(v => v.Urn?.Value, StringComparer.Ordinal)
        .ThenBy(v => v.Message, StringComparer.Ordinal)
        .ThenBy(v => v.PolicyPack, StringComparer.Ordinal)]);

    /// <summary>Both evaluations' violations.</summary>
    public PolicyEvaluation Concat(PolicyEvaluation other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new PolicyEvaluation(Violations.AddRange(other.Violations));
    }
}
