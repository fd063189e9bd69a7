using Kubedos.Engine.Automation;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Planning;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Kubedos.Engine.Cli;

/// <summary>What a person sees of preview, up, refresh and destroy: each resource's operation, status and elapsed time, then violations and the summary.</summary>
/// <remarks>
/// In live mode (an interactive terminal) <see cref="Render"/> draws a table that Spectre's live
/// display refreshes; otherwise each step prints a line as it starts and ends (CI logs, tests).
/// Secrets never reach the screen: values are rendered through <see cref="PropertyText"/>.
/// </remarks>
internal sealed class OperationView
{
    private readonly IAnsiConsole console;
    private readonly TimeProvider time;
    private readonly string stack;
    private readonly bool showDiff;
    private readonly bool live;
    private readonly Dictionary<string, Row> rows = new(StringComparer.Ordinal);
    private readonly List<Row> order = [];
    private readonly List<PolicyEvent> policies = [];
    private readonly List<DiagnosticEvent> diagnostics = [];
    private int unchanged;

    internal OperationView(IAnsiConsole console, TimeProvider time, string stack, bool showDiff, bool live)
    {
        this.console = console;
        this.time = time;
        this.stack = stack;
        this.showDiff = showDiff;
        this.live = live;
    }

    /// <summary>True once a mandatory policy violation was reported.</summary>
    internal bool SawMandatoryPolicy => policies.Any(p => string.Equals(p.EnforcementLevel, "mandatory", StringComparison.OrdinalIgnoreCase));

    /// <summary>Takes one engine event (called one at a time, in order).</summary>
    internal void Apply(EngineEvent engineEvent)
    {
        switch (engineEvent)
        {
            case PreludeEvent prelude:
                console.MarkupLine($"[bold]{Markup.Escape(Title(prelude))} ({Markup.Escape(stack)}):[/]");
                break;
            case ResourcePreEvent pre when pre.Metadata.Op == StepKind.Same:
                unchanged++;
                break;
            case ResourcePreEvent pre:
                Started(pre.Metadata, pre.Planning);
                break;
            case ResourceOutputsEvent outputs when outputs.Metadata.Op != StepKind.Same:
                Finished(outputs.Metadata, outputs.Planning, null);
                break;
            case ResourceOperationFailedEvent failed:
                Finished(failed.Metadata, false, failed.Message);
                break;
            case DiagnosticEvent { Ephemeral: true, Urn: not null } status:
                Status(status);
                break;
            case DiagnosticEvent diagnostic when diagnostic.Severity != DiagnosticSeverity.Debug:
                diagnostics.Add(diagnostic);
                if (!live)
                {
                    WriteDiagnostic(diagnostic);
                }

                break;
            case PolicyEvent policy:
                policies.Add(policy);
                break;
        }
    }

    /// <summary>The live table: one row per changing resource.</summary>
    internal IRenderable Render()
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn(string.Empty)
            .AddColumn("Type")
            .AddColumn("Name")
            .AddColumn("Status")
            .AddColumn(new TableColumn("Elapsed").RightAligned())
            .AddColumn("Info");
        var now = time.GetUtcNow();
        foreach (var row in order)
        {
            var colour = StepText.Colour(row.Op);
            table.AddRow(
                new Markup($"[{colour}]{Markup.Escape(StepText.Symbol(row.Op))}[/]"),
                new Text(row.Type),
                new Text(row.Name),
                new Markup(StatusMarkup(row)),
                new Text(row.Planning ? string.Empty : StepText.Elapsed((row.End ?? now) - row.Start)),
                new Text(row.Info));
        }

        if (unchanged > 0)
        {
            table.Caption($"{unchanged} unchanged");
        }

        return table;
    }

    /// <summary>After the operation: diagnostics (live mode), policy violations, failures and the resource summary.</summary>
    internal void WriteEpilogue(UpdateSummary? summary)
    {
        if (live)
        {
            foreach (var diagnostic in diagnostics)
            {
                WriteDiagnostic(diagnostic);
            }
        }

        if (policies.Count > 0)
        {
            console.WriteLine();
            console.MarkupLine("[bold]Policy Violations:[/]");
            foreach (var policy in policies)
            {
                var colour = string.Equals(policy.EnforcementLevel, "mandatory", StringComparison.OrdinalIgnoreCase) ? "red" : "yellow";
                var where = policy.ResourceUrn is null ? string.Empty : $"  ({policy.ResourceUrn.Type}: {policy.ResourceUrn.Name})";
                console.MarkupLine($"    [{colour}][[{Markup.Escape(policy.EnforcementLevel.ToLowerInvariant())}]][/]  {Markup.Escape(policy.PolicyPackName)}  {Markup.Escape(policy.PolicyName)}{Markup.Escape(where)}");
                console.MarkupLine($"    {Markup.Escape(policy.Message)}");
            }
        }

        if (summary is null)
        {
            return;
        }

        if (!summary.Failures.IsEmpty)
        {
            console.WriteLine();
            console.MarkupLine("[bold red]Failures:[/]");
            foreach (var failure in summary.Failures)
            {
                console.MarkupLine($"    [red]{Markup.Escape(failure.ToString())}[/]");
            }
        }

        console.WriteLine();
        console.MarkupLine("[bold]Resources:[/]");
        foreach (var (op, count) in summary.ResourceChanges.Where(kv => kv.Key != "same" && kv.Value > 0))
        {
            console.MarkupLine($"    {Markup.Escape(ChangeLine(op, count, summary.DryRun))}");
        }

        var same = summary.Count("same");
        if (same > 0)
        {
            console.MarkupLine($"    {same} unchanged");
        }

        console.WriteLine();
        console.MarkupLine($"Duration: {StepText.Elapsed(summary.EndTime - summary.StartTime)}");
    }

    private static string Title(PreludeEvent prelude) => (prelude.Operation.ToLowerInvariant(), prelude.DryRun) switch
    {
        ("update", true) => "Previewing update",
        ("update", false) => "Updating",
        ("destroy", true) => "Previewing destroy",
        ("destroy", false) => "Destroying",
        ("refresh", true) => "Previewing refresh",
        ("refresh", false) => "Refreshing",
        (var other, var dry) => dry ? $"Previewing {other}" : other,
    };

    private static string ChangeLine(string op, int count, bool dryRun)
    {
        var (symbol, planned, done) = op switch
        {
            "create" => ("+ ", "to create", "created"),
            "update" => ("~ ", "to update", "updated"),
            "replace" => ("+-", "to replace", "replaced"),
            "delete" => ("- ", "to delete", "deleted"),
            "refresh" => ("~ ", "to refresh", "refreshed"),
            "read" => ("> ", "to read", "read"),
            _ => ("  ", op, op),
        };
        return $"{symbol}{count} {(dryRun ? planned : done)}";
    }

    private void Started(StepEventMetadata step, bool planning)
    {
        var row = new Row(step.Op, step.Type, step.Urn.Name, time.GetUtcNow(), planning)
        {
            Urn = step.Urn.Value,
            Info = DiffView.Summary(step),
        };
        var key = Key(step);
        rows[key] = row;
        order.Add(row);
        if (live)
        {
            return;
        }

        WriteStepLine(row, planning ? StepText.Plan(step.Op) : StepText.Running(step.Op), row.Info);
        if (showDiff)
        {
            DiffView.Write(console, step);
        }
    }

    private void Finished(StepEventMetadata step, bool planning, string? error)
    {
        if (!rows.TryGetValue(Key(step), out var row))
        {
            row = new Row(step.Op, step.Type, step.Urn.Name, time.GetUtcNow(), planning);
            rows[Key(step)] = row;
            order.Add(row);
        }

        row.End = time.GetUtcNow();
        row.Error = error;
        if (error is not null)
        {
            row.Info = error;
        }

        if (live || planning)
        {
            return;
        }

        var elapsed = $"({StepText.Elapsed(row.End.Value - row.Start)})";
        WriteStepLine(
            row,
            error is null ? StepText.Done(step.Op) : $"{StepText.Running(step.Op)} failed",
            error is null ? elapsed : $"{elapsed} error: {error}");
    }

    // A running step's status (a playbook's progress): the live table shows the latest in the row's Info column; a log
    // (CI, tests) gets each one as a line under the step.
    private void Status(DiagnosticEvent status)
    {
        var row = order.LastOrDefault(r => r.Urn == status.Urn!.Value && r.End is null);
        if (row is not null)
        {
            row.Info = status.Message;
        }

        if (!live)
        {
            var name = row?.Name ?? status.Urn!.Name;
            console.MarkupLine($"    {Markup.Escape(name)}: {Markup.Escape(status.Message)}");
        }
    }

    private void WriteStepLine(Row row, string status, string info)
    {
        var colour = StepText.Colour(row.Op);
        var statusMarkup = row.Error is null ? Markup.Escape(status) : $"[bold red]{Markup.Escape(status)}[/]";
        var tail = info.Length == 0 ? string.Empty : " " + Markup.Escape(info);
        console.MarkupLine($" [{colour}]{Markup.Escape(StepText.Symbol(row.Op)),-2}[/] {Markup.Escape(row.Type)} {Markup.Escape(row.Name)} {statusMarkup}{tail}");
    }

    private void WriteDiagnostic(DiagnosticEvent diagnostic)
    {
        var (label, colour) = diagnostic.Severity switch
        {
            DiagnosticSeverity.Error => ("error", "red"),
            DiagnosticSeverity.Warning => ("warning", "yellow"),
            _ => ("info", "blue"),
        };
        var about = diagnostic.Urn is null ? string.Empty : $"{diagnostic.Urn.Type} {diagnostic.Urn.Name}: ";
        console.MarkupLine($"    [{colour}]{label}:[/] {Markup.Escape(about + diagnostic.Message)}");
    }

    private string StatusMarkup(Row row) => row switch
    {
        { Error: not null } => $"[bold red]{Markup.Escape(StepText.Running(row.Op))} failed[/]",
        { Planning: true } => Markup.Escape(StepText.Plan(row.Op)),
        { End: not null } => $"[green]{Markup.Escape(StepText.Done(row.Op))}[/]",
        _ => $"[yellow]{Markup.Escape(StepText.Running(row.Op))}[/]",
    };

    private static string Key(StepEventMetadata step) => $"{step.OpName}|{step.Urn.Value}";

    private sealed class Row(StepKind op, string type, string name, DateTimeOffset start, bool planning)
    {
        public StepKind Op { get; } = op;

        public string Type { get; } = type;

        public string Name { get; } = name;

        public DateTimeOffset Start { get; } = start;

        public bool Planning { get; } = planning;

        public DateTimeOffset? End { get; set; }

        public string? Error { get; set; }

        public string Info { get; set; } = string.Empty;

        public string Urn { get; init; } = string.Empty;
    }
}
