namespace Kubedos.Engine.Model;

/// <summary>A resource's step failed (or it was skipped because a dependency failed); its outputs carry this.</summary>
public sealed class ResourceFailedException : Exception
{
    public ResourceFailedException()
    {
    }

    public ResourceFailedException(string message)
        : base(message)
    {
    }

    public ResourceFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ResourceFailedException(Urn urn, string message, Exception? innerException = null)
        : base($"{urn.Value}: {message}", innerException) => Urn = urn;

    /// <summary>The resource that failed.</summary>
    public Urn? Urn { get; }
}
