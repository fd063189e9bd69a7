using System.Security.Cryptography.X509Certificates;

namespace Kubedos.Pki;

/// <summary>
/// Chain policies that never go to the network: no AIA fetch of a missing issuer, no CRL or OCSP fetch. A certificate
/// a client chose can name any URL; building its chain must not make the service (or a node) dial it.
/// Revocation is the cluster's own list, checked by whoever holds it (the enrollment gate).
/// </summary>
public static class OfflineChainPolicy
{
    /// <summary>Trusts only the cluster root, with the intermediate available; a new policy per chain (TLS adds to its extra store).</summary>
    public static X509ChainPolicy Trusting(ClusterAuthority authority, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(authority);
        var policy = Presented();
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.Add(authority.Root);
        policy.ExtraStore.Add(authority.Intermediate);
        if (at is { } time)
        {
            policy.VerificationTime = time.UtcDateTime;
        }

        return policy;
    }

    /// <summary>For a chain judged by other means (the client's CA pin): only what the peer presented, nothing fetched.</summary>
    public static X509ChainPolicy Presented() => new()
    {
        DisableCertificateDownloads = true,
        RevocationMode = X509RevocationMode.NoCheck,
    };
}
