namespace Kubedos.Providers.Command;

/// <summary>One command to run, with what it runs in.</summary>
/// <param name="Text">The command line, handed to the interpreter.</param>
/// <param name="Interpreter">The interpreter and its arguments; the command text is appended (default <c>/bin/sh -c</c>).</param>
/// <param name="Directory">The working directory (null: the current one).</param>
/// <param name="Environment">Variables added to the inherited environment.</param>
/// <param name="Stdin">Text written to the command's standard input (null: none).</param>
public sealed record CommandSpec(
    string Text,
    IReadOnlyList<string> Interpreter,
    string? Directory,
    IReadOnlyDictionary<string, string> Environment,
    string? Stdin)
{
    /// <summary>The interpreter used when none is given.</summary>
    public static IReadOnlyList<string> DefaultInterpreter { get; } = ["/bin/sh", "-c"];

    /// <summary>A command for the default shell with nothing else set.</summary>
    public static CommandSpec Shell(string text) =>
        new(text, DefaultInterpreter, null, new Dictionary<string, string>(StringComparer.Ordinal), null);
}
