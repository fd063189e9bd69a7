namespace Kubedos.Engine.Cli;

/// <summary>The command cannot run as given (no stack selected, a missing value); exits with <see cref="EngineExitCodes.Usage"/>.</summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
