namespace Kubedos.Engine.Execution;

/// <summary>A step cannot go on; the message says why in the person's terms (the URN is added where it is reported).</summary>
internal sealed class StepFailedException : Exception
{
    public StepFailedException()
    {
    }

    public StepFailedException(string message)
        : base(message)
    {
    }

    public StepFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
