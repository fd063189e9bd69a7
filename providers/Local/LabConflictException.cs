namespace Kubedos.Providers.Local;

/// <summary>The lab cannot be built as asked without disturbing the host or another lab.</summary>
public sealed class LabConflictException : Exception
{
    public LabConflictException()
    {
    }

    public LabConflictException(string message)
        : base(message)
    {
    }

    public LabConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
