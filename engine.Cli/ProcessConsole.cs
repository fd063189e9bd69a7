using Spectre.Console;

namespace Kubedos.Engine.Cli;

/// <summary>
/// The console people-facing output goes to when the host names none. On a terminal it is Spectre's, wrapping at the
/// terminal's width; written to a file or a pipe (CI logs, <c>| tee</c>, a test reading the output) Spectre would fall back
/// to 80 columns and break URNs and rule messages mid-word, so there it does not wrap: every message stays one greppable line.
/// </summary>
public static class ProcessConsole
{
    /// <summary>The width redirected output is laid out at: wider than any message the engine writes.</summary>
    public const int RedirectedWidth = 4096;

    private static readonly Lazy<IAnsiConsole> Process = new(() => Create(System.Console.Out, System.Console.IsOutputRedirected));

    /// <summary>The process's console, created once.</summary>
    public static IAnsiConsole Instance => Process.Value;

    /// <summary>A console writing to <paramref name="writer"/>; laid out at <see cref="RedirectedWidth"/> when <paramref name="redirected"/>.</summary>
    public static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
