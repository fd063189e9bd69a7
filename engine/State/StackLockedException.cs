namespace Kubedos.Engine.State;

/// <summary>The stack is locked by someone else (or a live lock was not broken); carries the holder and the lock file.</summary>
public sealed class StackLockedException : Exception
{
    public StackLockedException()
    {
    }

    public StackLockedException(string message)
        : base(message)
    {
    }

    public StackLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The lock of <paramref name="stack"/> at <paramref name="lockFile"/> is held by <paramref name="holder"/>.</summary>
    public StackLockedException(string stack, string lockFile, StackLockInfo? holder, string message)
        : base(message)
    {
        Stack = stack;
        LockFile = lockFile;
        Holder = holder;
    }

    /// <summary>The locked stack.</summary>
    public string? Stack { get; }

    /// <summary>The lock file.</summary>
    public string? LockFile { get; }

    /// <summary>The holder, or null when the lock file could not be read (being written, or damaged).</summary>
    public StackLockInfo? Holder { get; }
}
