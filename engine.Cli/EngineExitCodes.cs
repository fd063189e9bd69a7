namespace Kubedos.Engine.Cli;

/// <summary>The exit codes of the engine verbs; stable, and documented in <c>engine.Cli/README.md</c>.</summary>
public static class EngineExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The operation ran and a resource operation (or the program) failed.</summary>
    public const int OperationFailed = 1;

    /// <summary>The command line is wrong, or no stack is selected.</summary>
    public const int Usage = 2;

    /// <summary>The stack is locked by another operation (or unlock refused a live lock).</summary>
    public const int StackLocked = 3;

    /// <summary>A mandatory policy was violated: preview failed at the end, up changed nothing.</summary>
    public const int PolicyViolation = 4;

    /// <summary>Config or secrets are wrong: a bad project/stack file or key, a missing or incorrect passphrase, a bad policy config.</summary>
    public const int ConfigError = 5;

    /// <summary>A destructive verb was not confirmed: declined at the prompt, or <c>--yes</c> missing when not interactive.</summary>
    public const int NotConfirmed = 6;

    /// <summary>The stack's state is missing or unusable (unknown stack, unreadable checkpoint, bad import).</summary>
    public const int StateError = 7;

    /// <summary><c>--expect-no-changes</c> was given and there were changes (drift, for refresh); nothing was changed unless they appeared after the preview.</summary>
    public const int UnexpectedChanges = 8;

    /// <summary>An unexpected error inside kubedos (a bug); the details go to stderr.</summary>
    public const int InternalError = 70;

    /// <summary>Cancelled (Ctrl-C): the running steps were stopped and the state saved.</summary>
    public const int Cancelled = 130;
}
