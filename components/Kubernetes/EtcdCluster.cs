using Kubedos.Components.Access;
using Kubedos.Engine.Model;
using Kubedos.Providers.Command;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Kubernetes;

/// <summary>
/// <c>kubedos:components:EtcdCluster</c>, stage 6's etcd half, after Converge has started the members (the <c>etcd</c>
/// role): the kubeadm v1beta4 configuration of every node pointing at them, written under
/// <c>out/&lt;stack&gt;/kubernetes/kubeadm/</c>, and a snapshot fetched into the recovery bundle on every run of the
/// gates (config <c>kubedos:acceptanceRun</c>) and every converge that ran.
/// </summary>
internal sealed class EtcdCluster : ComponentResource
{
    public const string TypeToken = "kubedos:components:EtcdCluster";

    /// <param name="name">Resource name (KubedosStack uses <c>etcd</c>).</param>
    /// <param name="cluster">The normalised spec.</param>
    /// <param name="pki">The etcd PKI (membership and certificates).</param>
    /// <param name="access">SSH over wg1 with pinned host keys.</param>
    /// <param name="outDirectory"><c>out/&lt;stack&gt;</c>.</param>
    /// <param name="stack">The stack's name (in snapshot file names).</param>
    /// <param name="triggers">What makes the snapshot run again (the acceptance run, the converge that ran).</param>
    /// <param name="options">Parent and dependencies (Converge).</param>
    public EtcdCluster(
        string name, NormalisedCluster cluster, EtcdPki pki, NodeAccess access, string outDirectory, string stack, IReadOnlyList<Input<string>> triggers, ResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(pki);
        ArgumentNullException.ThrowIfNull(access);
        ArgumentException.ThrowIfNullOrEmpty(outDirectory);
        ArgumentNullException.ThrowIfNull(triggers);
        var here = new ResourceOptions { Parent = this, DependsOn = options?.DependsOn ?? [] };

        var files = KubeadmConfigRenderer.Render(cluster)
            .Select(c => new ManifestFile($"{KubeadmConfigRenderer.Folder}/{c.FileName}", KubeadmConfigRenderer.Serialize(c.Documents)))
            .ToList();
        Kubeadm = new ManifestDirectory(Path.GetFullPath(Path.Combine(outDirectory, "kubernetes")), files, here);

        var members = pki.Membership.Members.Select(m => (m.Name, access.Endpoint(m.Name).Address)).ToList();
        var snapshot = new LocalCommand("etcd-snapshot", new LocalCommandArgs
        {
            Create = EtcdSnapshotFetch.Script(stack, access.User, members, Path.GetFullPath(Path.Combine(outDirectory, EtcdSnapshotFetch.Folder))),
            Environment = new Dictionary<string, Input<string>>
            {
                [EtcdSnapshotFetch.KeyVariable] = access.PrivateKeyPem,
                [EtcdSnapshotFetch.KnownHostsVariable] = access.KnownHosts,
            },
            Triggers = triggers,
        }, here);

        // The command read the key, so its stdout is secret; the path it printed holds nothing of it.
        Snapshot = Output.Unsecret(snapshot.Stdout.Apply(s => s.Trim()));
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["members"] = pki.Membership.ClientUrls.ToList(),
            ["kubeadm"] = Kubeadm.Digest,
            ["snapshot"] = Snapshot,
        });
    }

    /// <summary>The rendered kubeadm files.</summary>
    public ManifestDirectory Kubeadm { get; }

    /// <summary>The snapshot this run kept in the recovery bundle (absolute path).</summary>
    public Output<string> Snapshot { get; }
}
