namespace Kubedos.Cli;

/// <summary>The kubedos exit codes of the program's own verbs; stable and documented in the README.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked (validate: the spec is valid).</summary>
    public const int Success = 0;

    /// <summary>validate: the spec is invalid (or unreadable).</summary>
    public const int InvalidSpec = 1;

    /// <summary>The command line itself is wrong: unknown verb or option, missing argument.</summary>
    public const int Usage = 2;
}
