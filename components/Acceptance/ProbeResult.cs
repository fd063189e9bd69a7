using System.Globalization;

namespace Kubedos.Components.Acceptance;

/// <summary>What a probe saw: exit code, output and when it ran.</summary>
internal sealed record ProbeResult(string Gate, string From, string To, string What, ProbeExpectation Expect, int ExitCode, string Saw, string StartedAt, string FinishedAt)
{
    public bool Passed => Expect switch
    {
        ProbeExpectation.Succeeds => ExitCode == 0,
        ProbeExpectation.Reaches => ExitCode == 0 || Saw.Contains("refused", StringComparison.OrdinalIgnoreCase),
        ProbeExpectation.Filtered => ExitCode != 0 && !Saw.Contains("refused", StringComparison.OrdinalIgnoreCase) && !Saw.Contains("succeeded", StringComparison.OrdinalIgnoreCase),
        ProbeExpectation.LoginRefused => ExitCode != 0 && Saw.Contains("Permission denied", StringComparison.Ordinal),
        ProbeExpectation.PasswordRefused => ExitCode != 0 && Saw.Contains("Permission denied (publickey)", StringComparison.Ordinal),
        ProbeExpectation.EnrollmentRefused => ExitCode != 0
            && (Saw.Contains("missing-token", StringComparison.Ordinal) || Saw.Contains("unknown-token", StringComparison.Ordinal)),
        ProbeExpectation.Unreachable => ExitCode != 0 && !Saw.Contains("succeeded", StringComparison.OrdinalIgnoreCase),
        ProbeExpectation.TlsRefused => ExitCode is 16 or 35 or 55 or 56,
        _ => false,
    };

    /// <summary>Parses the tab-separated lines the probe script prints (<c>gate from to what expect rc start end saw</c>).</summary>
    public static IReadOnlyList<ProbeResult> ParseAll(string stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        var results = new List<ProbeResult>();
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split('\t');
            if (f.Length < 9 || !Enum.TryParse<ProbeExpectation>(f[4], out var expect))
            {
                throw new FormatException($"not a probe result line: '{line}'");
            }

            results.Add(new ProbeResult(
                f[0], f[1], f[2], f[3], expect, int.Parse(f[5], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), string.Join('\t', f[8..]).Trim(), f[6], f[7]));
        }

        return results;
    }

    public override string ToString() =>
        $"{Gate}: {From} -> {To}: {What}: expected {Expect}, saw exit {ExitCode.ToString(CultureInfo.InvariantCulture)} '{Saw}'";
}
