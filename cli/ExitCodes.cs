namespace Kubedos.Cli;

/// <summary>The kubedos exit codes of the program's own verbs; stable and documented in the README.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked (validate: the spec is valid).</summary>
    public const int Success = 0;

    /// <summary>validate: the spec is invalid (or unreadable).</summary>
    public const int InvalidSpec = 1;

    /// <summary>The verb could not do what it was asked (a file it must write cannot be written, a root already there).</summary>
    public const int OperationFailed = 1;

    /// <summary>The command line itself is wrong: unknown verb or option, missing argument, a value outside its rule.</summary>
    public const int Usage = 2;

    /// <summary>The stack's state is unusable (a corrupt enrollment ledger or revocation list), as the engine's <c>EngineExitCodes.StateError</c>.</summary>
    public const int StateError = 7;
}
