
namespace Kubedos.Pki;

/// <summary><c>kubedos pki init-offline-root --out DIR</c>: a root CA whose key never enters the engine or its state.</summary>
public static class OfflineRoot
{
    /// <summary>The certificate file written to the output directory.</summary>
    public const string CertificateFile = "root-ca.pem";

    /// <summary>How many CAs may sit beneath the root: the cluster intermediate and, beneath it, the etcd CA.</summary>
    public const int RootPathLength = ClusterAuthority.IntermediatePathLength + 1;

    /// <summary>The private key file written to the output directory (mode 0600).</summary>
    public const string KeyFile = "root-ca.key";

    /// <summary>
    /// Writes a new root CA (certificate and PKCS#8 key) to <paramref name="directory"/> and returns its pin.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The directory lies inside a Kubedos project (a parent holds <c>Pulumi.yaml</c>), or a root already exists there.
    /// </exception>
    public static async Task<string> InitAsync(
        string directory, string commonName, int validityYears, KeyAlgorithm algorithm, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(time);
        var full = Path.GetFullPath(directory);
        var project = ProjectAbove(full);
        if (project is not null)
        {
            throw new InvalidOperationException(
                $"'{full}' is inside the project at '{project}': an offline root key must live outside the project (and off this machine once the intermediate is signed)");
        }

        var certPath = Path.Combine(full, CertificateFile);
        var keyPath = Path.Combine(full, KeyFile);
        if (File.Exists(certPath) || File.Exists(keyPath))
        {
            throw new InvalidOperationException($"'{full}' already holds a root CA; refusing to overwrite it");
        }

        Directory.CreateDirectory(full);
        using var key = PrivateKeyMaterial.Generate(algorithm);
        // Root -> cluster intermediate -> etcd CA -> leaf: two CAs beneath the root.
        var profile = CertificateProfile.Authority(commonName, validityYears * 24 * 365, RootPathLength);
        using var cert = CertificateIssuer.SelfSign(key, profile, time.GetUtcNow());
        await OwnerOnlyFile.CreateNewAsync(keyPath, key.ExportPrivateKeyPem(), cancellationToken);
        await File.WriteAllTextAsync(certPath, CertificateIssuer.ToPem(cert), cancellationToken);
        return SpkiPin.Of(cert);
    }

    internal static string? ProjectAbove(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
