using System.Globalization;

namespace Kubedos.Components.Kubernetes;

/// <summary>
/// The operator's side of the etcd snapshot: over SSH on wg1 (host keys pinned, the stack's key), a member takes a
/// snapshot (<c>/etc/kubedos/etcd/snapshot --stdout</c>, the etcd role's script: <c>etcdctl snapshot save</c> with the
/// health-check client) and streams it back into <c>out/&lt;stack&gt;/etcd-snapshots/</c>; <c>etcdctl snapshot
/// status</c> checks it before it is kept, and only the newest <see cref="Kept"/> stay. The seal carries them into the
/// recovery bundle's <c>etcd/</c> (the seal replaces the bundle whole, so nothing is written into it from outside). The first member that answers
/// gives it, so a snapshot is taken while any member is up.
/// </summary>
/// <remarks>The operator never reaches wg3: etcd's ports stay private to the etcd plane (the etcd-quorum gate proves it).</remarks>
internal static class EtcdSnapshotFetch
{
    /// <summary>Where the snapshots go, under <c>out/&lt;stack&gt;/</c>.</summary>
    public const string Folder = "etcd-snapshots";

    /// <summary>How many snapshots the recovery bundle keeps.</summary>
    public const int Kept = 5;

    /// <summary>The environment variable holding the stack's SSH private key (a secret).</summary>
    public const string KeyVariable = "KUBEDOS_SSH_KEY";

    /// <summary>The environment variable holding the pinned known_hosts lines.</summary>
    public const string KnownHostsVariable = "KUBEDOS_KNOWN_HOSTS";

    /// <summary>The node-side script the etcd role installs.</summary>
    public const string NodeScript = "/etc/kubedos/etcd/snapshot";

    /// <summary>The sh script: tries each member (name, wg1 address) in order, prints the kept file's path.</summary>
    public static string Script(string stack, string user, IReadOnlyList<(string Node, string Address)> members, string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(stack);
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var dir = Quote(directory);
        var tries = string.Concat(members.Select(m =>
            $"try {Quote(m.Node)} {Quote(m.Address)}\n"));
        return $$"""
            set -u
            k=$(mktemp) && h=$(mktemp) && trap 'rm -f "$k" "$h"' EXIT
            printf '%s\n' "${{{KeyVariable}}}" >"$k" && printf '%s\n' "${{{KnownHostsVariable}}}" >"$h"
            mkdir -p {{dir}}
            try() {
              f={{dir}}/"etcd-{{stack}}-$1-$(date -u +%Y%m%dT%H%M%SZ).db"
              if ssh -F /dev/null -i "$k" -o IdentitiesOnly=yes -o BatchMode=yes -o ConnectTimeout=5 -o StrictHostKeyChecking=yes \
                   -o UserKnownHostsFile="$h" -o HostKeyAlgorithms=ssh-ed25519 {{user}}@"$2" sudo -n {{NodeScript}} --stdout >"$f.part" \
                 && ETCDCTL_API=3 etcdctl snapshot status "$f.part" >&2; then
                mv "$f.part" "$f"
                ls -1t {{dir}}/etcd-*.db | tail -n +{{(Kept + 1).ToString(CultureInfo.InvariantCulture)}} | xargs -r rm -f --
                printf '%s\n' "$f"
                exit 0
              fi
              echo "no snapshot from $1 ($2)" >&2
              rm -f "$f.part"
            }

            """ + tries + "echo 'no etcd member gave a snapshot' >&2\nexit 1\n";
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
