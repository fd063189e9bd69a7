using Kubedos.Engine.Model;

namespace Kubedos.Components.Trust;

/// <summary>The trust bootstrap cannot start: names the spec field or config key a person must fix.</summary>
internal sealed class TrustBootstrapException : ProgramException
{
    public TrustBootstrapException()
    {
    }

    public TrustBootstrapException(string message)
        : base(message)
    {
    }

    public TrustBootstrapException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TrustBootstrapException(string field, string message)
        : base($"{field}: {message}")
    {
        Field = field;
    }

    /// <summary>The spec field (<c>security.bootstrap.caFingerprint</c>) or config key (<c>kubedos:pki.rootCert</c>) at fault.</summary>
    public string? Field { get; }
}
