using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Model;
using Kubedos.Engine.Planning;
using Spectre.Console;

namespace Kubedos.Engine.Cli;

/// <summary>Property-level diffs of a step, the way Pulumi prints them, with the reason for every replacement.</summary>
internal static class DiffView
{
    /// <summary>The short form after a plan line: <c>[diff: ~a, +b]</c>, plus the property that forced a replace.</summary>
    internal static string Summary(StepEventMetadata step)
    {
        var parts = new List<string>();
        var keys = step.DetailedDiff.Count > 0
            ? step.DetailedDiff.Select(kv => Marker(kv.Value.Kind) + kv.Key)
            : step.Diffs.Select(k => "~" + k);
        var diff = string.Join(", ", keys);
        if (diff.Length > 0 && step.Op is not (StepKind.Create or StepKind.Delete or StepKind.Same))
        {
            parts.Add($"[diff: {diff}]");
        }

        var reasons = ReplaceReasons(step).ToArray();
        if (reasons.Length > 0)
        {
            parts.Add($"[replace: {string.Join("; ", reasons)}]");
        }

        return string.Join(" ", parts);
    }

    /// <summary>Why the step replaces its resource: each forcing property and, when the provider said, why.</summary>
    internal static IEnumerable<string> ReplaceReasons(StepEventMetadata step)
    {
        if (step.Op is not (StepKind.Replace or StepKind.CreateReplacement or StepKind.DeleteReplaced))
        {
            return [];
        }

        var forced = step.DetailedDiff
            .Where(kv => kv.Value.Kind is PropertyDiffKind.AddReplace or PropertyDiffKind.DeleteReplace or PropertyDiffKind.UpdateReplace || kv.Value.ReplaceReason is not null)
            .Select(kv => kv.Value.ReplaceReason is { } reason ? $"{kv.Key} ({reason})" : kv.Key)
            .ToArray();
        return forced.Length > 0 ? forced : step.Keys.Length > 0 ? step.Keys : ["requested (--replace or a changed provider)"];
    }

    /// <summary>Writes the property lines of <paramref name="step"/> (indented under its step line).</summary>
    internal static void Write(IAnsiConsole console, StepEventMetadata step)
    {
        var oldInputs = step.Old?.Inputs ?? PropertyMap.Empty;
        var newInputs = step.New?.Inputs ?? PropertyMap.Empty;
        switch (step.Op)
        {
            case StepKind.Create:
                foreach (var (key, value) in newInputs)
                {
                    Line(console, "green", "+", key, PropertyText.Display(value), null);
                }

                return;
            case StepKind.Delete:
                foreach (var (key, value) in oldInputs)
                {
                    Line(console, "red", "-", key, PropertyText.Display(value), null);
                }

                return;
        }

        if (step.DetailedDiff.Count > 0)
        {
            foreach (var (key, diff) in step.DetailedDiff)
            {
                var before = Lookup(oldInputs, key);
                var after = Lookup(newInputs, key);
                var forces = diff.Kind is PropertyDiffKind.AddReplace or PropertyDiffKind.DeleteReplace or PropertyDiffKind.UpdateReplace;
                var note = forces || diff.ReplaceReason is not null
                    ? $"forces replacement{(diff.ReplaceReason is null ? string.Empty : ": " + diff.ReplaceReason)}"
                    : null;
                switch (diff.Kind)
                {
                    case PropertyDiffKind.Add or PropertyDiffKind.AddReplace:
                        Line(console, "green", "+", key, PropertyText.Display(after), note);
                        break;
                    case PropertyDiffKind.Delete or PropertyDiffKind.DeleteReplace:
                        Line(console, "red", "-", key, PropertyText.Display(before), note);
                        break;
                    default:
                        Line(console, "yellow", "~", key, $"{PropertyText.Display(before)} => {PropertyText.Display(after)}", note);
                        break;
                }
            }

            return;
        }

        foreach (var key in step.Diffs)
        {
            var forces = step.Keys.Contains(key) && step.Op is StepKind.Replace or StepKind.CreateReplacement;
            Line(console, "yellow", "~", key, $"{PropertyText.Display(oldInputs.GetOrDefault(key))} => {PropertyText.Display(newInputs.GetOrDefault(key))}", forces ? "forces replacement" : null);
        }
    }

    private static PropertyValue? Lookup(PropertyMap map, string path)
    {
        // Detailed diff keys are property paths (a.b[0]); show the value when the path is a top-level key.
        return map.GetOrDefault(path);
    }

    private static string Marker(PropertyDiffKind kind) => kind switch
    {
        PropertyDiffKind.Add or PropertyDiffKind.AddReplace => "+",
        PropertyDiffKind.Delete or PropertyDiffKind.DeleteReplace => "-",
        _ => "~",
    };

    private static void Line(IAnsiConsole console, string colour, string symbol, string key, string text, string? note)
    {
        var suffix = note is null ? string.Empty : $" [bold]({Markup.Escape(note)})[/]";
        console.MarkupLine($"      [{colour}]{symbol} {Markup.Escape(key)}: {Markup.Escape(text)}[/]{suffix}");
    }
}
