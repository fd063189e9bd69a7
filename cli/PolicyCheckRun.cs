using System.Collections.Immutable;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Cli;
using Kubedos.Engine.Execution;
using Kubedos.Engine.Policy;
using Kubedos.Engine.Secrets;
using Kubedos.Policies;

namespace Kubedos.Cli;

/// <summary>Runs a preview of one stack with the policy packs and collects every violation with its spec location.</summary>
/// <remarks>
/// A preview changes nothing real, takes no lock and writes no file. A stack the backend does not hold yet (a fresh
/// CI checkout with its <c>Pulumi.&lt;stack&gt;.yaml</c>) is previewed from empty state, so the whole plan is judged as creates.
/// </remarks>
internal static class PolicyCheckRun
{
    /// <summary>The packs a check runs: the host's, plus the Kube'd'OS pack when the host does not carry it.</summary>
    public static IReadOnlyList<PolicyPack> Packs(ProgramHost host) =>
        host.PolicyPacks.Any(p => p.Name == KubedosPolicyPack.Name) ? host.PolicyPacks : [.. host.PolicyPacks, KubedosPolicyPack.Create()];

    public static async Task<PolicyCheckReport> RunAsync(ProgramHost host, string stackName, PolicyConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var environment = host.Environment ?? Environment.GetEnvironmentVariable;
        var packs = Packs(host);
        var evaluator = new PolicyEvaluator(packs, config);
        var rules = packs.SelectMany(pack => pack.Policies.Select(p => new PolicyCheckRule(p.Name, pack.Name, config.LevelOf(p), p.Description, p.Remediation)))
            .ToImmutableArray();
        var workspace = Workspace.Create(new WorkspaceOptions
        {
            WorkDir = host.WorkDir,
            Providers = host.Providers,
            Program = host.Program,
            Passphrase = new PassphraseSource(environment),
            Environment = environment,
            Time = host.Time,
            PolicyPacks = evaluator.Packs,
            PolicyConfig = config,
        });

        var findings = new List<PolicyCheckFinding>();
        var stack = await workspace.SelectStackForPreviewAsync(stackName, cancellationToken);
        var errors = ImmutableArray<OperationFailure>.Empty;
        try
        {
            await stack.PreviewAsync(
                new UpdateOptions
                {
                    OnEvent = e =>
                    {
                        if (e is PolicyEvent p)
                        {
                            lock (findings)
                            {
                                findings.Add(new PolicyCheckFinding(p.PolicyName, p.PolicyPackName, ParseLevel(p.EnforcementLevel), p.Message, p.ResourceUrn?.Value, p.Source));
                            }
                        }
                    },
                },
                cancellationToken);
        }
        catch (UpdateFailedException e)
        {
            // Mandatory violations fail a preview at its end; anything else means the plan was not fully built.
            errors = e.Result is { } result
                ? [.. result.Summary.Failures.Where(f => !f.MandatoryPolicy)]
                : [new OperationFailure(null, e.Message)];
        }

        // Events arrive as the engine emits them; the report is sorted as the evaluation is, so text, JSON and SARIF never churn.
        return new PolicyCheckReport(stackName, rules, [.. findings
            .OrderBy(f => f.Policy, StringComparer.Ordinal)
            .ThenBy(f => f.Urn, StringComparer.Ordinal)
            .ThenBy(f => f.Message, StringComparer.Ordinal)
            .ThenBy(f => f.Pack, StringComparer.Ordinal)], errors);
    }

    private static EnforcementLevel ParseLevel(string level) => level switch
    {
        "mandatory" => EnforcementLevel.Mandatory,
        "advisory" => EnforcementLevel.Advisory,
        _ => EnforcementLevel.Disabled,
    };
}
