using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Kubedos.Pki;

/// <summary>
/// The per-cluster intermediate CA that signs node identities and the enrollment service's certificate.
/// The root's certificate travels with it; the root's key never does.
/// </summary>
public sealed class ClusterAuthority : IDisposable
{
    private readonly PrivateKeyMaterial _key;

    public ClusterAuthority(X509Certificate2 root, X509Certificate2 intermediate, PrivateKeyMaterial intermediateKey)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(intermediate);
        ArgumentNullException.ThrowIfNull(intermediateKey);
        if (!SpkiPin.Matches(SpkiPin.Of(intermediate), intermediateKey.Pin))
        {
            throw new ArgumentException("the intermediate key does not belong to the intermediate certificate", nameof(intermediateKey));
        }

        Root = root;
        Intermediate = intermediate;
        _key = intermediateKey;
    }

    /// <summary>Loads the authority from PEM: the root certificate, the intermediate certificate and the intermediate's key.</summary>
    /// <exception cref="ArgumentException">The key is not the intermediate's, or the intermediate was not signed by the root.</exception>
    public static ClusterAuthority FromPem(string rootPem, string intermediatePem, string intermediateKeyPem)
    {
        var root = X509Certificate2.CreateFromPem(rootPem);
        var intermediate = X509Certificate2.CreateFromPem(intermediatePem);
        if (!CertificateSignature.IsSignedBy(intermediate, root))
        {
            throw new ArgumentException($"'{intermediate.Subject}' was not signed by the root '{root.Subject}'", nameof(intermediatePem));
        }

        return new ClusterAuthority(root, intermediate, PrivateKeyMaterial.FromPem(intermediateKeyPem));
    }

    /// <summary>The intermediate's key, for what the authority vouches for besides certificates (the enrollment audit log's signed head), so <see cref="CaPin"/> verifies it.</summary>
    public PrivateKeyMaterial Key => _key;

    /// <summary>The root CA certificate.</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The cluster intermediate CA certificate.</summary>
    public X509Certificate2 Intermediate { get; }

    /// <summary>The pin nodes check the service against: the cluster CA's (intermediate's) SPKI, as kubeadm's caCertHashes.</summary>
    /// <remarks>
    /// The intermediate, not the root: TLS stacks leave the self-signed root out of the chain they send
    /// (it is the verifier's to have), so only the intermediate is always there to be matched.
    /// </remarks>
    public string CaPin => SpkiPin.Of(Intermediate);

    /// <summary>The offline root's pin (what <c>init-offline-root</c> printed).</summary>
    public string RootPin => SpkiPin.Of(Root);

    /// <summary>Intermediate then root, PEM: what a node needs to build its chain.</summary>
    public string ChainPem => CertificateIssuer.ToPem(Intermediate) + CertificateIssuer.ToPem(Root);

    /// <summary>The intermediate's path length: one CA may sit beneath it, the dedicated etcd CA (kubeadm's <c>etcd/ca</c>), and nothing beneath that.</summary>
    public const int IntermediatePathLength = 1;

    /// <summary>Signs a new cluster intermediate with the (offline) root; used by the lab and by the signing ceremony.</summary>
    public static (X509Certificate2 Certificate, PrivateKeyMaterial Key) CreateIntermediate(
        X509Certificate2 root, PrivateKeyMaterial rootKey, string clusterName, int validityHours, DateTimeOffset now)
    {
        var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        var publicKey = PublicKey.CreateFromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
        var certificate = CertificateIssuer.Sign(
            publicKey, CertificateProfile.Authority($"Kubedos {clusterName} intermediate CA", validityHours, IntermediatePathLength) with { Organizations = ["kubedos"] },
            root, rootKey, now);
        return (certificate, key);
    }

    /// <summary>A node identity: CN and DNS SAN the node name, IP SANs its declared addresses, usable as TLS client and server.</summary>
    public X509Certificate2 IssueNode(PublicKey nodeKey, string node, IEnumerable<IPAddress> addresses, TimeSpan lifetime, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(nodeKey);
        var profile = CertificateProfile.Leaf(node, HoursWithinIntermediate(lifetime, now)) with
        {
            Organizations = ["kubedos:nodes"],
            AllowedUses = UsesFor(nodeKey, CertificateUses.ServerAuth, CertificateUses.ClientAuth),
            DnsNames = [node],
            IpAddresses = [.. addresses.Select(a => a.ToString())],
        };
        return CertificateIssuer.Sign(nodeKey, profile, Intermediate, _key, now);
    }

    /// <summary>The enrollment service's TLS certificate (with its private key attached).</summary>
    public X509Certificate2 IssueServer(string name, IEnumerable<IPAddress> addresses, TimeSpan lifetime, DateTimeOffset now)
    {
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        var publicKey = PublicKey.CreateFromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
        var profile = CertificateProfile.Leaf(name, HoursWithinIntermediate(lifetime, now)) with
        {
            Organizations = ["kubedos"],
            AllowedUses = [CertificateUses.DigitalSignature, CertificateUses.ServerAuth],
            DnsNames = [name],
            IpAddresses = [.. addresses.Select(a => a.ToString())],
        };
        using var certificate = CertificateIssuer.Sign(publicKey, profile, Intermediate, _key, now);

        // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
        using var withKey = key.AttachTo(certificate);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _key.Dispose();
        Root.Dispose();
        Intermediate.Dispose();
    }

    // A certificate cannot outlive its issuer: near the intermediate's end, lifetimes shrink to fit.
    private int HoursWithinIntermediate(TimeSpan lifetime, DateTimeOffset now)
    {
        var left = new DateTimeOffset(Intermediate.NotAfter.ToUniversalTime()) - DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        return (int)Math.Floor(Math.Min(lifetime.TotalHours, left.TotalHours));
    }

    private static string[] UsesFor(PublicKey key, params string[] extended) =>
        key.Oid.Value == "1.2.840.113549.1.1.1"
            ? [CertificateUses.DigitalSignature, CertificateUses.KeyEncipherment, .. extended]
            : [CertificateUses.DigitalSignature, .. extended];
}
