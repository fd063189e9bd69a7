namespace Kubedos.Providers.Command;

/// <summary>A command exited non-zero or could not start; message and output are already redacted.</summary>
public sealed class CommandFailedException : Exception
{
    public CommandFailedException()
    {
    }

    public CommandFailedException(string message)
        : base(message)
    {
    }

    public CommandFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A failure with the (redacted) result of the command.</summary>
    public CommandFailedException(string message, CommandResult result)
        : base(message)
    {
        Result = result;
    }

    /// <summary>What the command printed and returned, when it ran at all.</summary>
    public CommandResult? Result { get; }
}
