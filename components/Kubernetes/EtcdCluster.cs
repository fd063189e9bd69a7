using Kubedos.Engine.Model;
using Kubedos.Providers.Command;

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
    /// <param name="args">The cluster, the etcd PKI, SSH over wg1, <c>out/&lt;stack&gt;</c>, the snapshot's triggers.</param>
    /// <param name="options">Parent and dependencies (Converge).</param>
    public EtcdCluster(string name, EtcdClusterArgs args, ResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var (cluster, pki, access, outDirectory, stack) = (args.Cluster, args.Pki, args.Access, args.OutDirectory, args.Stack);
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
            Triggers = args.SnapshotTriggers,
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
