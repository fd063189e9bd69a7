namespace Kubedos.Providers.Local;

/// <summary>A program to run on the host: argv, optional stdin, environment and time limit.</summary>
/// <param name="Program">The program; a bare name is looked up on PATH and the sbin folders.</param>
/// <param name="Arguments">The arguments, passed as argv (never through a shell).</param>
public sealed record HostCommand(string Program, IReadOnlyList<string> Arguments)
{
    /// <summary>Bytes written to the program's stdin, then closed; null gives an empty stdin.</summary>
    public byte[]? Stdin { get; init; }

    /// <summary>Variables set for the program (added to, or replacing, the inherited ones).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } =
        new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>When true the program starts with only <see cref="Environment"/>, not the host's variables.</summary>
    public bool CleanEnvironment { get; init; }

    /// <summary>After this the program and its children are killed and the result says TimedOut.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Creates a command from a program and its arguments.</summary>
    public static HostCommand Of(string program, params string[] arguments) => new(program, arguments);

    /// <summary>The command line as a person would type it, for errors and logs.</summary>
    public override string ToString() =>
        string.Join(' ', new[] { Program }.Concat(Arguments).Select(Quote));

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@,+%".Contains(c, StringComparison.Ordinal))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
