using Kubedos.Engine.Model;

namespace Kubedos.Providers.Tls;

/// <summary><c>tls:index:LocallySignedCert</c>: a certificate signed by a CA whose key the program holds; renewed in its window.</summary>
public sealed class LocallySignedCert : CustomResource
{
    public LocallySignedCert(string name, LocallySignedCertArgs args, ResourceOptions? options = null)
        : base("tls:index:LocallySignedCert", name, args, options)
    {
    }

    /// <summary>The certificate, PEM.</summary>
    public Output<string> CertPem { get; private set; } = null!;

    /// <summary>Lower-case hex serial (what a revocation list names).</summary>
    public Output<string> SerialNumber { get; private set; } = null!;

    public Output<DateTimeOffset> ValidityStartTime { get; private set; } = null!;

    public Output<DateTimeOffset> ValidityEndTime { get; private set; } = null!;

    /// <summary>When the certificate enters its early-renewal window and is replaced on the next up.</summary>
    public Output<DateTimeOffset> RenewalDueTime { get; private set; } = null!;

    public Output<string> PublicKeyPin { get; private set; } = null!;
}
