using Kubedos.Engine.Model;

namespace Kubedos.Providers.Tls;

/// <summary><c>tls:index:SelfSignedCert</c>: a root CA or self-signed leaf, replaced once it enters its renewal window.</summary>
public sealed class SelfSignedCert : CustomResource
{
    public SelfSignedCert(string name, SelfSignedCertArgs args, ResourceOptions? options = null)
        : base("tls:index:SelfSignedCert", name, args, options)
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
