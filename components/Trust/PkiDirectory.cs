namespace Kubedos.Components.Trust;

/// <summary><c>out/&lt;stack&gt;/pki/</c>: the public half of the cluster PKI, for operators and <c>openssl verify</c>. Never a private key.</summary>
internal static class PkiDirectory
{
    public const string RootFile = "root-ca.pem";
    public const string IntermediateFile = "intermediate-ca.pem";
    public const string NodesFolder = "nodes";

    /// <summary>Writes the CA certificates and one <c>nodes/&lt;node&gt;.pem</c> per node; removes certificates of nodes no longer in the spec.</summary>
    public static async Task<string> WriteAsync(
        string directory, string rootPem, string intermediatePem, IReadOnlyList<(string Node, string CertificatePem)> nodes, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var nodesDir = Path.Combine(directory, NodesFolder);
        Directory.CreateDirectory(nodesDir);
        await ReplaceAsync(Path.Combine(directory, RootFile), rootPem, cancellationToken);
        await ReplaceAsync(Path.Combine(directory, IntermediateFile), intermediatePem, cancellationToken);
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, pem) in nodes)
        {
            var file = $"{node}.pem";
            keep.Add(file);
            await ReplaceAsync(Path.Combine(nodesDir, file), pem, cancellationToken);
        }

        foreach (var stale in Directory.EnumerateFiles(nodesDir, "*.pem").Where(f => !keep.Contains(Path.GetFileName(f))))
        {
            File.Delete(stale);
        }

        return Path.GetFullPath(directory);
    }

    // Written beside and renamed over, so a reader never sees half a certificate.
    private static async Task ReplaceAsync(string path, string content, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
