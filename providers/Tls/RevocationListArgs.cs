using Kubedos.Engine.Model;

namespace Kubedos.Providers.Tls;

/// <summary>Inputs of <see cref="RevocationList"/>.</summary>
public sealed class RevocationListArgs : ResourceArgs
{
    /// <summary>The CA that signs the list, PEM (it must carry keyUsage cRLSign).</summary>
    public required Input<string> CaCertPem { get; init; }

    [Secret]
    public required Input<string> CaPrivateKeyPem { get; init; }

    /// <summary>The revoked certificates; an empty list is a valid CRL that revokes nothing.</summary>
    public IReadOnlyList<RevokedCertificateArgs> Revoked { get; init; } = [];

    /// <summary>Hours from thisUpdate to nextUpdate.</summary>
    public required Input<int> ValidityPeriodHours { get; init; }

    /// <summary>Hours before nextUpdate from which the next up issues the list again.</summary>
    public Input<int>? EarlyRenewalHours { get; init; }
}
