using System.Net;
using Kubedos.Enrollment.Client;
using Kubedos.Enrollment.Tokens;
using Kubedos.Pki;

namespace Kubedos.Enrollment.Node;

/// <summary>What the agent on a node does: enroll once, then rotate its certificate when it is due.</summary>
public sealed class NodeAgent(TimeProvider time)
{
    private readonly EnrollmentClient _client = new(time);

    /// <summary>
    /// Enrolls unless the directory already holds an identity (re-running is safe and sends nothing).
    /// </summary>
    /// <returns>True when it enrolled now, false when an identity was already there.</returns>
    /// <exception cref="EnrollmentRefusedException">The service refused, or the client refused the service.</exception>
    public async Task<bool> EnrollAsync(
        Uri service, EnrollmentToken token, string node, IPAddress address, NodeIdentityDirectory identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (identity.Exists)
        {
            return false;
        }

        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        var enrolled = await _client.EnrollAsync(service, token, node, address, key, cancellationToken);
        await identity.SaveAsync(key, enrolled, cancellationToken);
        return true;
    }

    /// <summary>
    /// Rotates to a new key when the certificate is inside <paramref name="earlyRenewal"/> of its end; the
    /// old certificate stays valid until it expires, so peers that still hold it keep working.
    /// </summary>
    /// <returns>True when it rotated now.</returns>
    /// <exception cref="EnrollmentRefusedException">The service refused (e.g. the certificate is revoked).</exception>
    public async Task<bool> RenewIfDueAsync(
        Uri service, string caPin, NodeIdentityDirectory identity, TimeSpan earlyRenewal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        using var current = identity.LoadCertificateWithKey();
        if (!RenewalWindow.IsDue(new DateTimeOffset(current.NotAfter.ToUniversalTime()), earlyRenewal, time.GetUtcNow()))
        {
            return false;
        }

        var node = current.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, forIssuer: false);
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        var renewed = await _client.RenewAsync(service, caPin, node, current, key, cancellationToken);
        await identity.SaveAsync(key, renewed, cancellationToken);
        return true;
    }
}
