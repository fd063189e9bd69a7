namespace Kubedos.Pki;

/// <summary>
/// <c>kubedos pki init-signing-key --out DIR</c>: the key that signs recovery bundles (ECDSA P-256), made outside any
/// project like the offline root: the stack receives it as an encrypted secret, its pin in the stack's config.
/// </summary>
public static class OfflineSigningKey
{
    /// <summary>The private key (PKCS#8, mode 0600).</summary>
    public const string KeyFile = "signing-key.pem";

    /// <summary>The public key (SubjectPublicKeyInfo PEM): what recipients of a bundle verify it with.</summary>
    public const string PublicKeyFile = "signing-key.pub.pem";

    /// <summary>Writes a new P-256 key pair to <paramref name="directory"/> and returns the public key's pin.</summary>
    /// <exception cref="InvalidOperationException">The directory lies inside a Kubedos project, or a signing key already exists there.</exception>
    public static async Task<string> InitAsync(string directory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var full = Path.GetFullPath(directory);
        var project = OfflineRoot.ProjectAbove(full);
        if (project is not null)
        {
            throw new InvalidOperationException(
                $"'{full}' is inside the project at '{project}': a signing key must live outside the project (and off this machine between seals)");
        }

        var keyPath = Path.Combine(full, KeyFile);
        var publicPath = Path.Combine(full, PublicKeyFile);
        if (File.Exists(keyPath) || File.Exists(publicPath))
        {
            throw new InvalidOperationException($"'{full}' already holds a signing key; refusing to overwrite it");
        }

        Directory.CreateDirectory(full);
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        await OwnerOnlyFile.CreateNewAsync(keyPath, key.ExportPrivateKeyPem(), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(publicPath, key.ExportPublicKeyPem() + "\n", cancellationToken).ConfigureAwait(false);
        return key.Pin;
    }
}
