using System.Security.Cryptography;

namespace Kubedos.Components.Kubernetes;

/// <summary>
/// The etcd snapshot a cluster bootstrapping from nothing starts from (config <c>kubedos:etcdRestoreSnapshot</c>, a path
/// relative to the project directory; the total-loss runbook sets it to the recovery bundle's newest snapshot). The etcd
/// role restores it on a member only when that member has no data and no other member answers, so a running cluster and
/// a single replaced member never see it; the SHA-256 taken here is checked on each node before the restore.
/// </summary>
internal sealed record EtcdRestoreSource(string Path, string Sha256)
{
    /// <summary>The config key, without the project's namespace.</summary>
    public const string ConfigKey = "etcdRestoreSnapshot";

    /// <summary>The source <paramref name="configured"/> names, or null when unset.</summary>
    /// <param name="configured">The config value, or null.</param>
    /// <param name="projectDirectory">What a relative path is relative to.</param>
    /// <param name="runsEtcd">Whether this stack converges etcd members (Kubernetes and Ansible both enabled).</param>
    /// <exception cref="EtcdRestoreSourceException">Set on a stack that runs no etcd, or naming no readable file.</exception>
    public static EtcdRestoreSource? From(string? configured, string projectDirectory, bool runsEtcd)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectDirectory);
        if (configured is null)
        {
            return null;
        }

        if (!runsEtcd)
        {
            throw new EtcdRestoreSourceException(
                "set on a stack that runs no etcd (spec kubernetes.enabled and orchestration.ansible.enabled must both be true): nothing would restore it; remove it (`kubedos config rm " + ConfigKey + "`)");
        }

        if (configured.Trim().Length == 0)
        {
            throw new EtcdRestoreSourceException("empty: give the path of an etcd snapshot (relative to the project directory), or remove the key");
        }

        var path = System.IO.Path.GetFullPath(configured, projectDirectory);
        try
        {
            using var file = File.OpenRead(path);
            return new EtcdRestoreSource(path, Convert.ToHexStringLower(SHA256.HashData(file)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EtcdRestoreSourceException($"cannot read the snapshot '{path}': {e.Message}");
        }
    }
}
