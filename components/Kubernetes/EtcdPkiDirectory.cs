namespace Kubedos.Components.Kubernetes;

/// <summary><c>out/&lt;stack&gt;/pki/etcd/</c>: the public half of the etcd PKI (the CA, each member's server and peer certificate, the clients). Never a key.</summary>
internal static class EtcdPkiDirectory
{
    /// <summary>Writes every certificate and removes those of members no longer in the spec.</summary>
    public static async Task<string> WriteAsync(string directory, IReadOnlyList<(string File, string Pem)> certificates, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(certificates);
        Directory.CreateDirectory(directory);
        foreach (var (file, pem) in certificates)
        {
            // Written beside and renamed over, so a reader never sees half a certificate.
            var path = Path.Combine(directory, file);
            await File.WriteAllTextAsync(path + ".tmp", pem, cancellationToken);
            File.Move(path + ".tmp", path, overwrite: true);
        }

        var keep = certificates.Select(c => c.File).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in Directory.EnumerateFiles(directory, "*.pem").Where(f => !keep.Contains(Path.GetFileName(f))))
        {
            File.Delete(stale);
        }

        return Path.GetFullPath(directory);
    }
}
