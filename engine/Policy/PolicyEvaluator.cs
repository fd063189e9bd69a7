using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Kubedos.Engine.Model;

namespace Kubedos.Engine.Policy;

/// <summary>Runs policy packs over resources, the whole stack and the plan, and returns every violation.</summary>
/// <remarks>
/// The engine builds <see cref="PolicyResource"/>s and <see cref="PolicyStep"/>s, calls
/// <see cref="Evaluate"/> before executing anything, turns each violation into a policy event, and
/// stops (<c>up</c>) or fails at the end (<c>preview</c>) when <see cref="PolicyEvaluation.HasMandatory"/>.
/// A policy that throws is reported as a mandatory violation naming the error: as in Pulumi, a
/// broken policy fails the operation rather than passing silently.
/// Policies run one at a time, in pack and declaration order, and <see cref="Evaluate"/> returns the
/// violations sorted by policy, URN and message (<see cref="PolicyEvaluation.Ordered"/>): the order
/// resources were registered in, which a parallel program does not fix, never shows in a report.
/// </remarks>
public sealed class PolicyEvaluator
{
    private readonly ImmutableArray<(PolicyPack Pack, Policy Policy, EnforcementLevel Level)> enabled;

    /// <summary>An evaluator for <paramref name="packs"/> with levels from <paramref name="config"/>.</summary>
    /// <exception cref="PolicyConfigException">The config names a policy that no pack has (a typo would otherwise be ignored).</exception>
    public PolicyEvaluator(IEnumerable<PolicyPack> packs, PolicyConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(packs);
        Packs = [.. packs];
        Config = config ?? PolicyConfig.Empty;

        var known = Packs.SelectMany(p => p.Policies).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = Config.Policies.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal).FirstOrDefault();
        if (unknown is not null)
        {
            throw new PolicyConfigException(Config.File, null, unknown, $"no policy of that name in the policy packs ({string.Join(", ", Packs.Select(p => p.Name))})");
        }

        enabled = [.. Packs
            .SelectMany(pack => pack.Policies.Select(policy => (Pack: pack, Policy: policy, Level: Config.LevelOf(policy))))
            .Where(p => p.Level != EnforcementLevel.Disabled)];
    }

    /// <summary>The packs evaluated.</summary>
    public ImmutableArray<PolicyPack> Packs { get; }

    /// <summary>The level overrides in force.</summary>
    public PolicyConfig Config { get; }

    /// <summary>The level each policy runs at, by pack and policy name (disabled ones included).</summary>
    public IEnumerable<(string Pack, string Policy, EnforcementLevel Level)> Levels =>
        Packs.SelectMany(pack => pack.Policies.Select(policy => (pack.Name, policy.Name, Config.LevelOf(policy))));

    /// <summary>Runs resource policies on each resource, stack policies on all of them, and plan policies on the steps.</summary>
    /// <param name="resources">The stack's resources as they will be after the operation (not the deleted ones).</param>
    /// <param name="steps">The planned steps.</param>
    /// <param name="context">The deployment.</param>
    public PolicyEvaluation Evaluate(IEnumerable<PolicyResource> resources, IEnumerable<PolicyStep> steps, PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(steps);
        var all = resources.ToImmutableArray();
        var violations = all.Aggregate(PolicyEvaluation.None, (found, resource) => found.Concat(EvaluateResource(resource, context)));
        return violations.Concat(EvaluateStack(all, context)).Concat(EvaluatePlan(steps, context)).Ordered();
    }

    /// <summary>Runs the resource validation policies on one resource.</summary>
    public PolicyEvaluation EvaluateResource(PolicyResource resource, PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(context);
        var violations = ImmutableArray.CreateBuilder<PolicyViolation>();
        foreach (var (pack, policy, level) in enabled)
        {
            if (policy is ResourceValidationPolicy rule && rule.Applies(resource))
            {
                var report = new PolicyReport(resource.Urn);
                Run(pack, policy, level, report, violations, resource.Urn, urn => resource.Source, () => rule.Validate(new ResourceValidationArgs(resource, context, Settings(policy)), report));
            }
        }

        return new PolicyEvaluation(violations.ToImmutable());
    }

    /// <summary>Runs the stack validation policies on all resources.</summary>
    public PolicyEvaluation EvaluateStack(IEnumerable<PolicyResource> resources, PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(context);
        var all = resources.ToImmutableArray();
        var sources = SourcesByUrn(all.Select(r => (r.Urn, r.Source)));
        var violations = ImmutableArray.CreateBuilder<PolicyViolation>();
        foreach (var (pack, policy, level) in enabled)
        {
            if (policy is StackValidationPolicy rule)
            {
                var report = new PolicyReport(null);
                Run(pack, policy, level, report, violations, null, sources, () => rule.Validate(new StackValidationArgs(all, context, Settings(policy)), report));
            }
        }

        return new PolicyEvaluation(violations.ToImmutable());
    }

    /// <summary>Runs the plan validation policies on the planned steps.</summary>
    public PolicyEvaluation EvaluatePlan(IEnumerable<PolicyStep> steps, PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(context);
        var all = steps.ToImmutableArray();
        var sources = SourcesByUrn(all.Select(s => (s.Urn, s.Source)));
        var violations = ImmutableArray.CreateBuilder<PolicyViolation>();
        foreach (var (pack, policy, level) in enabled)
        {
            if (policy is PlanValidationPolicy rule)
            {
                var report = new PolicyReport(null);
                Run(pack, policy, level, report, violations, null, sources, () => rule.Validate(new PlanValidationArgs(all, context, Settings(policy)), report));
            }
        }

        return new PolicyEvaluation(violations.ToImmutable());
    }

    private static void Run(
        PolicyPack pack,
        Policy policy,
        EnforcementLevel level,
        PolicyReport report,
        ImmutableArray<PolicyViolation>.Builder violations,
        Urn? subject,
        Func<Urn, PolicySourceLocation?> sourceOf,
        Action validate)
    {
        try
        {
            validate();
        }
        catch (Exception e)
        {
            violations.Add(Violation(pack, policy, EnforcementLevel.Mandatory, $"the policy failed to run: {e.GetType().Name}: {e.Message}", subject, sourceOf));
        }

        foreach (var (message, urn) in report.Found)
        {
            violations.Add(Violation(pack, policy, level, message, urn, sourceOf));
        }
    }

    private static PolicyViolation Violation(PolicyPack pack, Policy policy, EnforcementLevel level, string message, Urn? urn, Func<Urn, PolicySourceLocation?> sourceOf) =>
        new(policy.Name, pack.Name, level, message, urn, urn is null ? null : sourceOf(urn))
        {
            Description = policy.Description,
            Remediation = policy.Remediation,
        };

    private static Func<Urn, PolicySourceLocation?> SourcesByUrn(IEnumerable<(Urn Urn, PolicySourceLocation? Source)> items)
    {
        var sources = new Dictionary<Urn, PolicySourceLocation>();
        foreach (var (urn, source) in items)
        {
            if (source is not null)
            {
                sources.TryAdd(urn, source);
            }
        }

        return urn => sources.GetValueOrDefault(urn);
    }

    private JsonObject Settings(Policy policy) => Config.SettingsOf(policy.Name);
}
