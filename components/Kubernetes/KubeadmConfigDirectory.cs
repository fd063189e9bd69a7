namespace Kubedos.Components.Kubernetes;

/// <summary><c>out/&lt;stack&gt;/kubernetes/kubeadm/</c>: one <c>&lt;node&gt;.yaml</c> per node, nothing secret in any.</summary>
internal static class KubeadmConfigDirectory
{
    /// <summary>The folder under <c>out/&lt;stack&gt;/kubernetes/</c>.</summary>
    public const string Folder = "kubeadm";

    /// <summary>Writes every node's file and removes files of nodes no longer in the spec; returns the absolute directory.</summary>
    public static async Task<string> WriteAsync(string directory, IReadOnlyList<KubeadmNodeConfig> configs, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(configs);
        Directory.CreateDirectory(directory);
        foreach (var config in configs)
        {
            var path = Path.Combine(directory, config.FileName);
            await File.WriteAllTextAsync(path + ".tmp", KubeadmConfigRenderer.Serialize(config.Documents), cancellationToken);
            File.Move(path + ".tmp", path, overwrite: true);
        }

        var keep = configs.Select(c => c.FileName).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in Directory.EnumerateFiles(directory, "*.yaml").Where(f => !keep.Contains(Path.GetFileName(f))))
        {
            File.Delete(stale);
        }

        return Path.GetFullPath(directory);
    }
}
