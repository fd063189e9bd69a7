using System.CommandLine;
using System.Text.Json;
using Kubedos.Engine.Input;
using Kubedos.Enrollment.Audit;

namespace Kubedos.Cli;

/// <summary><c>kubedos audit verify FILE [--head HASH] [--json]</c>: checks the enrollment audit log's hash chain.</summary>
internal static class AuditCommand
{
    /// <summary>Exit code when the chain is broken (an entry edited, dropped or reordered, or the head differs).</summary>
    public const int Tampered = 1;

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The audit log (out/<stack>/enrollment/audit.log)" };
        var head = new Option<string?>("--head") { Description = "The head hash kept elsewhere: also catches a cut-off tail" };
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object" };
        var verify = new Command("verify", "Verify the audit log's hash chain; exit 0 intact, 1 tampered") { file, head, json };
        verify.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(head), parse.GetValue(json), Console.Out, Console.Error));
        return new Command("audit", "The enrollment audit log") { verify };
    }

    /// <summary>Verifies <paramref name="path"/> and prints the verdict.</summary>
    public static int Run(string path, string? head, bool json, TextWriter output, TextWriter error)
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

        var result = AuditLog.Verify(path, head);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new
            {
                file = path,
                valid = result.IsValid,
                entries = result.Entries,
                firstBadLine = result.FirstBadLine,
                problem = result.Problem,
                head = result.HeadHash,
            }));
        }
        else if (result.IsValid)
        {
            output.WriteLine($"{path}: intact: {result.Entries} entr{(result.Entries == 1 ? "y" : "ies")}, head {result.HeadHash}");
        }
        else
        {
            output.WriteLine($"{path}:{result.FirstBadLine}: {result.Problem}");
        }

        return result.IsValid ? ExitCodes.Success : Tampered;
    }
}
