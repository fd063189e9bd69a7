namespace Kubedos.Pki;

/// <summary>A supplied CA is not the one the spec pins; the message names both pins and the file.</summary>
public sealed class CaPinMismatchException : Exception
{
    public CaPinMismatchException()
    {
    }

    public CaPinMismatchException(string message)
        : base(message)
    {
    }

    public CaPinMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
