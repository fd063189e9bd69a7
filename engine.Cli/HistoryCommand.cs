using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Kubedos.Engine.Automation;
using Spectre.Console;

namespace Kubedos.Engine.Cli;

/// <summary><c>stack history [--json] [--page-size N] [--page P] [--full-dates]</c>: the stack's operations, newest first.</summary>
internal static class HistoryCommand
{
    /// <summary>Pulumi's time format in <c>stack history --json</c> (Go's <c>2006-01-02 15:04:05.999999999 -0700 MST</c> in UTC).</summary>
    internal const string JsonTimeFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF '+0000 UTC'";

    internal static Command Create(ProgramHost host)
    {
        var stack = CommonOptions.Stack();
        var json = new Option<bool>("--json", "-j") { Description = "Emit output as JSON (Pulumi's shape)" };
        var pageSize = new Option<int>("--page-size") { Description = "Used with --page to control the number of results returned (0 or less: all)", DefaultValueFactory = _ => 10 };
        var page = new Option<int>("--page") { Description = "Used with --page-size to paginate results (pages start at 1; less means 1)", DefaultValueFactory = _ => 1 };
        var fullDates = new Option<bool>("--full-dates") { Description = "Show full dates, instead of relative dates" };
        var command = new Command("history", "Show the stack's updates, refreshes, destroys and imports, newest first") { stack, json, pageSize, page, fullDates };
        command.SetAction((parse, ct) => CommandFailure.RunAsync(host, "stack history", async () =>
        {
            var session = new EngineSession(host, parse.GetValue(stack));
            var entries = await (await session.SelectStackAsync(ct)).GetHistoryAsync(parse.GetValue(pageSize), parse.GetValue(page), ct);
            if (parse.GetValue(json))
            {
                await host.ResolvedOut.WriteLineAsync(ToJson(entries).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
                return EngineExitCodes.Success;
            }

            Print(host, entries, parse.GetValue(fullDates));
            return EngineExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The entries as Pulumi's <c>stack history --json</c> array.</summary>
    internal static JsonArray ToJson(IEnumerable<UpdateHistoryEntry> entries) =>
        [.. entries.Select(e => (JsonNode)new JsonObject
        {
            ["version"] = e.Version,
            ["kind"] = e.Update.Kind.ToString().ToLowerInvariant(),
            ["startTime"] = e.Update.StartTime.UtcDateTime.ToString(JsonTimeFormat, CultureInfo.InvariantCulture),
            ["message"] = string.Empty,
            ["environment"] = new JsonObject(),
            ["config"] = new JsonObject(),
            ["result"] = e.Update.Succeeded ? "succeeded" : "failed",
            ["endTime"] = e.Update.EndTime.UtcDateTime.ToString(JsonTimeFormat, CultureInfo.InvariantCulture),
            ["resourceChanges"] = new JsonObject(e.Update.ResourceChanges.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))),
        })];

    private static void Print(ProgramHost host, IReadOnlyList<UpdateHistoryEntry> entries, bool fullDates)
    {
        var console = host.ResolvedConsole;
        if (entries.Count == 0)
        {
            console.WriteLine("Stack has never been updated");
            return;
        }

        var now = host.Time.GetUtcNow();
        foreach (var (version, update) in entries)
        {
            var changes = update.ResourceChanges;
            console.WriteLine($"Version: {version}");
            console.WriteLine($"UpdateKind: {update.Kind.ToString().ToLowerInvariant()}");
            console.MarkupLine($"Status: {(update.Succeeded ? "[green]succeeded[/]" : "[red]failed[/]")}");
            console.MarkupLine(
                $"[green]+{changes.GetValueOrDefault("create")}[/][red]-{changes.GetValueOrDefault("delete")}[/][yellow]~{changes.GetValueOrDefault("update")}[/]"
                + $"[magenta]+-{changes.GetValueOrDefault("replace")}[/] {changes.GetValueOrDefault("same")} "
                + $"Updated {Markup.Escape(When(update.StartTime, now, fullDates))} took {StepText.Elapsed(update.EndTime - update.StartTime)}");
            foreach (var failure in update.Failures)
            {
                console.MarkupLine($"  [red]error:[/] {Markup.Escape(failure)}");
            }

            console.WriteLine();
        }
    }

    private static string When(DateTimeOffset time, DateTimeOffset now, bool full)
    {
        if (full)
        {
            return time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        }

        var ago = now - time;
        return ago switch
        {
            { TotalMinutes: < 1 } => "just now",
            { TotalHours: < 1 } => Ago((int)ago.TotalMinutes, "minute"),
            { TotalDays: < 1 } => Ago((int)ago.TotalHours, "hour"),
            _ => Ago((int)ago.TotalDays, "day"),
        };
    }

    private static string Ago(int n, string unit) => n == 1 ? $"1 {unit} ago" : $"{n} {unit}s ago";
}
