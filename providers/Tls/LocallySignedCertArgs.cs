using Kubedos.Engine.Model;
using Kubedos.Pki;

namespace Kubedos.Providers.Tls;

/// <summary>Inputs of <see cref="LocallySignedCert"/>: subject and SANs come from the request.</summary>
public sealed class LocallySignedCertArgs : ResourceArgs
{
    public required Input<string> CertRequestPem { get; init; }

    public required Input<string> CaCertPem { get; init; }

    [Secret]
    public required Input<string> CaPrivateKeyPem { get; init; }

    /// <summary>Lifetime in hours.</summary>
    public required Input<int> ValidityPeriodHours { get; init; }

    /// <summary>Hours before expiry from which the next up replaces the certificate (the overlap of a rotation).</summary>
    public Input<int>? EarlyRenewalHours { get; init; }

    public Input<bool>? IsCaCertificate { get; init; }

    public Input<int>? MaxPathLength { get; init; }

    /// <summary>Key usage and extended key usage names (<see cref="CertificateUses"/>).</summary>
    public IReadOnlyList<Input<string>>? AllowedUses { get; init; }
}
