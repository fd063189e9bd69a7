namespace Kubedos.Engine.Cli;

/// <summary>The engine reported mandatory policy violations; exits with <see cref="EngineExitCodes.PolicyViolation"/>.</summary>
internal sealed class PolicyViolationFailure : Exception
{
    public PolicyViolationFailure()
    {
    }

    public PolicyViolationFailure(string message)
        : base(message)
    {
    }

    public PolicyViolationFailure(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
