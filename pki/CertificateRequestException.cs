namespace Kubedos.Pki;

/// <summary>A certificate or request could not be built or read; the message says what and why.</summary>
public sealed class CertificateRequestException : Exception
{
    public CertificateRequestException()
    {
    }

    public CertificateRequestException(string message)
        : base(message)
    {
    }

    public CertificateRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
