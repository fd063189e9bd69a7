using System.Text;

namespace Kubedos.Cli;

/// <summary>Writes a policy check report for people: each violation with its spec location and the fix, then a summary line.</summary>
internal static class PolicyCheckText
{
    public static string Write(PolicyCheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        foreach (var f in report.Findings)
        {
            var where = f.Source is null ? string.Empty : $"{f.Source}: ";
            text.Append(where).Append(f.Level.ToString().ToLowerInvariant()).Append(' ').Append(f.Pack).Append('/').Append(f.Policy).Append(": ").Append(f.Message).Append('\n');
            if (f.Urn is not null)
            {
                text.Append("    resource: ").Append(f.Urn).Append('\n');
            }

            if (report.Rules.FirstOrDefault(r => r.Id == f.Policy && r.Pack == f.Pack)?.Remediation is { } fix)
            {
                text.Append("    fix: ").Append(fix).Append('\n');
            }
        }

        foreach (var error in report.Errors)
        {
            text.Append("error: ").Append(error.ToString()).Append('\n');
        }

        text.Append(Summary(report)).Append('\n');
        return text.ToString();
    }

    /// <summary>The one-line verdict: counts and what the exit code means.</summary>
    public static string Summary(PolicyCheckReport report) =>
        $"policy check of {report.Stack}: {report.Mandatory} mandatory, {report.Advisory} advisory violation(s) over {report.Rules.Length} policies"
        + report.ExitCode switch
        {
            PolicyCheckCommand.Passed => "; passed",
            PolicyCheckCommand.MandatoryViolation => "; failed",
            _ => "; the preview did not finish, so the plan was not fully judged",
        };
}
