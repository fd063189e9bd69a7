using Kubedos.Engine.Model;

namespace Kubedos.Providers.Tls;

/// <summary>One certificate a <see cref="RevocationList"/> names.</summary>
public sealed class RevokedCertificateArgs : ResourceArgs
{
    /// <summary>The certificate's serial, hex.</summary>
    public required Input<string> Serial { get; init; }

    /// <summary>When it was revoked, ISO 8601.</summary>
    public required Input<string> RevokedAt { get; init; }
}
