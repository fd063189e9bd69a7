using System.Security.Cryptography.X509Certificates;
using Kubedos.Enrollment.Client;
using Kubedos.Pki;

namespace Kubedos.Enrollment.Node;

/// <summary>Where a node keeps its identity: <c>node.key</c> (0600), <c>node.pem</c> and <c>ca-chain.pem</c>.</summary>
public sealed class NodeIdentityDirectory(string path)
{
    public const string KeyFile = "node.key";
    public const string CertificateFile = "node.pem";
    public const string ChainFile = "ca-chain.pem";

    /// <summary>The directory.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>True when a key and certificate are present.</summary>
    public bool Exists => File.Exists(Combine(KeyFile)) && File.Exists(Combine(CertificateFile));

    /// <summary>The node certificate (without key).</summary>
    public X509Certificate2 LoadCertificate() => X509Certificate2.CreateFromPem(File.ReadAllText(Combine(CertificateFile)));

    /// <summary>The node certificate joined with its key, ready to be a TLS client certificate.</summary>
    public X509Certificate2 LoadCertificateWithKey()
    {
        using var key = PrivateKeyMaterial.FromPem(File.ReadAllText(Combine(KeyFile)));
        using var certificate = LoadCertificate();
        using var joined = key.AttachTo(certificate);

        // PKCS#12 round trip: an ephemeral key is not usable as a TLS client key on every platform.
        return X509CertificateLoader.LoadPkcs12(joined.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Stores a new identity; each file is replaced atomically and the key is created owner-only.</summary>
    public async Task SaveAsync(PrivateKeyMaterial key, EnrolledIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(identity);
        Directory.CreateDirectory(Path);

        // Key first: a certificate must never sit next to a key it does not belong to for longer than a rename.
        await ReplaceAsync(KeyFile, key.ExportPrivateKeyPem(), ownerOnly: true, cancellationToken);
        await ReplaceAsync(ChainFile, identity.ChainPem, ownerOnly: false, cancellationToken);
        await ReplaceAsync(CertificateFile, identity.CertificatePem, ownerOnly: false, cancellationToken);
    }

    private string Combine(string file) => System.IO.Path.Combine(Path, file);

    private Task ReplaceAsync(string file, string content, bool ownerOnly, CancellationToken cancellationToken) =>
        OwnerOnlyFile.ReplaceAsync(Combine(file), System.Text.Encoding.UTF8.GetBytes(content), ownerOnly ? OwnerOnlyFile.OwnerOnly : OwnerOnlyFile.WorldReadable, cancellationToken);
}
