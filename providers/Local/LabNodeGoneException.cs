namespace Kubedos.Providers.Local;

/// <summary>A lab node was used after its holder process (and so the node) went away.</summary>
public sealed class LabNodeGoneException : Exception
{
    public LabNodeGoneException()
    {
    }

    public LabNodeGoneException(string message)
        : base(message)
    {
    }

    public LabNodeGoneException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the error for one node.</summary>
    public LabNodeGoneException(string stack, string node)
        : base($"lab node {node} of stack {stack} is gone (its holder process exited); run `kubedos up --stack {stack}` to converge")
    {
    }
}
