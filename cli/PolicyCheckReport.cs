using System.Collections.Immutable;
using Kubedos.Engine.Execution;
using Kubedos.Engine.Policy;

namespace Kubedos.Cli;

/// <summary>What a policy check found: the rules it ran, the violations, and anything that kept the preview from finishing.</summary>
/// <param name="Stack">The stack checked.</param>
/// <param name="Rules">Every policy of the packs, with its effective level.</param>
/// <param name="Findings">The violations, by policy, URN and message.</param>
/// <param name="Errors">Failures other than policy violations (the plan could not be judged completely), each with its spec location and rule when the program gave one.</param>
internal sealed record PolicyCheckReport(string Stack, ImmutableArray<PolicyCheckRule> Rules, ImmutableArray<PolicyCheckFinding> Findings, ImmutableArray<OperationFailure> Errors)
{
    public int Mandatory => Findings.Count(f => f.Level == EnforcementLevel.Mandatory);

    public int Advisory => Findings.Count(f => f.Level == EnforcementLevel.Advisory);

    /// <summary>The exit code (see <see cref="PolicyCheckCommand"/>): errors beat violations, because an unfinished plan was not fully judged.</summary>
    public int ExitCode => !Errors.IsEmpty ? PolicyCheckCommand.PreviewFailed : Mandatory > 0 ? PolicyCheckCommand.MandatoryViolation : PolicyCheckCommand.Passed;
}
