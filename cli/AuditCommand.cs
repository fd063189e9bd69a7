using System.CommandLine;
using System.Text.Json;
using Kubedos.Enrollment.Audit;
using Kubedos.Input;
using Kubedos.Pki;

namespace Kubedos.Cli;

/// <summary>
/// <c>kubedos audit verify FILE [--head HASH] [--ca-pin PIN] [--allow-unanchored] [--json]</c>: checks the enrollment audit
/// log's hash chain and, with an anchor, its last entry. Without one it says "chain consistent, tail unanchored" and fails
/// unless <c>--allow-unanchored</c>: the chain cannot prove its own last line.
/// </summary>
internal static class AuditCommand
{
    /// <summary>Exit code when the chain is broken (an entry edited, dropped or reordered, or the head differs), or the tail is unanchored.</summary>
    public const int Tampered = 1;

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The audit log (out/<stack>/enrollment/audit.log)" };
        var head = new Option<string?>("--head") { Description = "The head hash kept elsewhere: proves the last entry (catches an edited, appended or cut-off tail)" };
        var caPin = new Option<string?>("--ca-pin") { Description = "The cluster CA pin (the stack's caPin output): proves the last entry by the signed head beside the log (audit.head)" };
        var allowUnanchored = new Option<bool>("--allow-unanchored") { Description = "Exit 0 for a consistent chain whose last entry nothing proves" };
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object" };
        var verify = new Command("verify", "Verify the audit log's hash chain and its anchored tail; exit 0 intact, 1 tampered or unanchored")
        {
            file, head, caPin, allowUnanchored, json,
        };
        verify.SetAction(parse => Run(
            parse.GetValue(file)!, parse.GetValue(head), parse.GetValue(caPin), parse.GetValue(allowUnanchored), parse.GetValue(json), Console.Out, Console.Error));
        return new Command("audit", "The enrollment audit log") { verify };
    }

    /// <summary>Verifies <paramref name="path"/> against a head hash (or none) and prints the verdict.</summary>
    public static int Run(string path, string? head, bool json, TextWriter output, TextWriter error) =>
        Run(path, head, caPin: null, allowUnanchored: false, json, output, error);

    /// <summary>Verifies <paramref name="path"/>, its tail anchored by <paramref name="head"/> or the head signed by <paramref name="caPin"/>'s key, and prints the verdict.</summary>
    public static int Run(string path, string? head, string? caPin, bool allowUnanchored, bool json, TextWriter output, TextWriter error)
    {
        if (!File.Exists(path))
        {
            error.WriteLine($"kubedos audit verify: no such file: {path}");
            return ExitCodes.Usage;
        }

        // A FIFO would block the open and a device never ends: only a regular file is a log.
        if (RegularFile.Problem(path) is { } problem)
        {
            error.WriteLine($"kubedos audit verify: {path} {problem}");
            return ExitCodes.Usage;
        }

        if (caPin is not null && !SpkiPin.IsWellFormed(caPin))
        {
            error.WriteLine($"kubedos audit verify: --ca-pin must be sha256:<64 hex>, got '{caPin}'");
            return ExitCodes.Usage;
        }

        var result = AuditLog.Verify(path, head, caPin);
        var entries = $"{result.Entries} entr{(result.Entries == 1 ? "y" : "ies")}";
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new
            {
                file = path,
                valid = result.IsValid,
                anchored = result.IsAnchored,
                anchor = result.Anchor,
                entries = result.Entries,
                firstBadLine = result.FirstBadLine,
                problem = result.Problem,
                head = result.HeadHash,
            }));
        }
        else if (result.IsAnchored)
        {
            output.WriteLine($"{path}: intact: {entries}, head {result.HeadHash}, anchored by {result.Anchor}");
        }
        else if (result.IsValid)
        {
            output.WriteLine($"{path}: chain consistent, tail unanchored: {entries}, head {result.HeadHash}; " +
                "nothing proves the last entry (it may have been edited, appended or cut off): give --ca-pin or --head");
        }
        else
        {
            output.WriteLine($"{path}:{result.FirstBadLine}: {result.Problem}");
        }

        return result.IsAnchored || (result.IsValid && allowUnanchored) ? ExitCodes.Success : Tampered;
    }
}
