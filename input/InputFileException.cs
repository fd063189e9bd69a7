namespace Kubedos.Input;

/// <summary>A file a person handed the program cannot be read as what it claims to be; carries the file, line, column and rule.</summary>
public sealed class InputFileException : Exception
{
    public InputFileException(string file, int line, int column, string rule, string problem, Exception? inner = null)
        : base($"{file}:{line}:{column}: {problem}", inner)
    {
        File = file;
        Line = line;
        Column = column;
        Rule = rule;
        Problem = problem;
    }

    /// <summary>The file, as named by the caller.</summary>
    public string File { get; }

    /// <summary>1-based line of the fault (1 for faults of the whole file).</summary>
    public int Line { get; }

    /// <summary>1-based column of the fault.</summary>
    public int Column { get; }

    /// <summary>Stable rule id: file-not-regular, file-too-large, file-unreadable, file-not-text, yaml-syntax, yaml-nesting-depth, yaml-alias-expansion.</summary>
    public string Rule { get; }

    /// <summary>The problem without the location.</summary>
    public string Problem { get; }
}
