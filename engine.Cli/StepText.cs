using Kubedos.Engine.Planning;

namespace Kubedos.Engine.Cli;

/// <summary>How a step kind reads on screen: Pulumi's symbols, colours and verbs.</summary>
internal static class StepText
{
    internal static string Symbol(StepKind op) => op switch
    {
        StepKind.Create => "+",
        StepKind.Update => "~",
        StepKind.Delete => "-",
        StepKind.Replace => "+-",
        StepKind.CreateReplacement => "++",
        StepKind.DeleteReplaced => "--",
        StepKind.Refresh => "~",
        StepKind.Read => ">",
        _ => " ",
    };

    internal static string Colour(StepKind op) => op switch
    {
        StepKind.Create or StepKind.CreateReplacement => "green",
        StepKind.Update or StepKind.Refresh => "yellow",
        StepKind.Delete or StepKind.DeleteReplaced => "red",
        StepKind.Replace => "magenta",
        StepKind.Read => "cyan",
        _ => "grey",
    };

    /// <summary>The plan word (preview): <c>create</c>, <c>replace</c>, ...</summary>
    internal static string Plan(StepKind op) => op switch
    {
        StepKind.CreateReplacement => "create-replacement",
        StepKind.DeleteReplaced => "delete-replaced",
        _ => op.ToString().ToLowerInvariant(),
    };

    /// <summary>The verb while running: <c>creating</c>, ...</summary>
    internal static string Running(StepKind op) => op switch
    {
        StepKind.Create => "creating",
        StepKind.Update => "updating",
        StepKind.Delete => "deleting",
        StepKind.Replace => "replacing",
        StepKind.CreateReplacement => "creating replacement",
        StepKind.DeleteReplaced => "deleting original",
        StepKind.Refresh => "refreshing",
        StepKind.Read => "reading",
        _ => "checking",
    };

    /// <summary>The verb when done: <c>created</c>, ...</summary>
    internal static string Done(StepKind op) => op switch
    {
        StepKind.Create => "created",
        StepKind.Update => "updated",
        StepKind.Delete => "deleted",
        StepKind.Replace => "replaced",
        StepKind.CreateReplacement => "created replacement",
        StepKind.DeleteReplaced => "deleted original",
        StepKind.Refresh => "refreshed",
        StepKind.Read => "read",
        _ => "unchanged",
    };

    /// <summary>A duration the way Pulumi prints it: <c>0.4s</c>, <c>12s</c>, <c>3m4s</c>.</summary>
    internal static string Elapsed(TimeSpan elapsed) => elapsed.TotalSeconds switch
    {
        < 10 => $"{elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}s",
        < 60 => $"{(int)elapsed.TotalSeconds}s",
        _ => $"{(int)elapsed.TotalMinutes}m{elapsed.Seconds}s",
    };
}
