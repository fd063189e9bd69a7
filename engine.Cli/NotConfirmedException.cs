namespace Kubedos.Engine.Cli;

/// <summary>A destructive verb was not confirmed; exits with <see cref="EngineExitCodes.NotConfirmed"/>.</summary>
internal sealed class NotConfirmedException : Exception
{
    public NotConfirmedException()
    {
    }

    public NotConfirmedException(string message)
        : base(message)
    {
    }

    public NotConfirmedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
