namespace Kubedos.Engine.State;

/// <summary>A checkpoint cannot be read or written; names the file (and line) involved.</summary>
public class StateException : Exception
{
    public StateException()
    {
    }

    public StateException(string message)
        : base(message)
    {
    }

    public StateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
