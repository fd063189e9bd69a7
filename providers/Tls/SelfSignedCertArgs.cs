using Kubedos.Engine.Model;
using Kubedos.Pki;

namespace Kubedos.Providers.Tls;

/// <summary>Inputs of <see cref="SelfSignedCert"/>.</summary>
public sealed class SelfSignedCertArgs : ResourceArgs
{
    [Secret]
    public required Input<string> PrivateKeyPem { get; init; }

    public SubjectArgs? Subject { get; init; }

    /// <summary>Lifetime in hours.</summary>
    public required Input<int> ValidityPeriodHours { get; init; }

    /// <summary>Hours before expiry from which the next up replaces the certificate (the overlap of a rotation).</summary>
    public Input<int>? EarlyRenewalHours { get; init; }

    public Input<bool>? IsCaCertificate { get; init; }

    public Input<int>? MaxPathLength { get; init; }

    /// <summary>Key usage and extended key usage names (<see cref="CertificateUses"/>).</summary>
    public IReadOnlyList<Input<string>>? AllowedUses { get; init; }

    public IReadOnlyList<Input<string>>? DnsNames { get; init; }

    public IReadOnlyList<Input<string>>? IpAddresses { get; init; }
}
