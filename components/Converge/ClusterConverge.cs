using Kubedos.Engine.Model;
using Kubedos.Providers.Ansible;

namespace Kubedos.Components.Converge;

/// <summary>
/// Stage 5 (<c>kubedos:components:Converge</c>): <c>ansible/site.yml</c> run from the operator's host against every node
/// over SSH on wg1 (one <c>ansible:index:Playbook</c>). Its inputs are the digest of the playbook and roles, the
/// inventory, the variables and the pinned host keys: a no-op up does not run Ansible, a changed role does; refresh runs
/// check mode and records drift, which the next up repairs.
/// </summary>
internal sealed class ClusterConverge : ComponentResource
{
    public const string TypeToken = "kubedos:components:Converge";

    public ClusterConverge(string name, ConvergeArgs args, ResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var unknown = args.HostVariables.Keys.Where(node => args.Cluster.Nodes.All(n => n.Name != node)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"converge variables name node(s) not in the spec: {string.Join(", ", unknown)}", nameof(args));
        }

        var here = new ResourceOptions { Parent = this, DependsOn = options?.DependsOn ?? [] };

        // Destructive disk preparation first, each a resource the policy pack judges; the playbook runs on prepared disks.
        var operations = new List<Resource>();
        foreach (var (node, disks) in args.Disks.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            foreach (var disk in disks)
            {
                Resource? previous = null;
                foreach (var operation in DiskOperation.For(disk.Purpose))
                {
                    previous = new DiskOperation(operation, node, disk, args.Access, here with { DependsOn = [.. here.DependsOn, .. previous is null ? [] : new[] { previous }] });
                    operations.Add(previous);
                }
            }
        }

        var inventory = Output.All(args.Cluster.Nodes.Select(n => DiskList(args, n.Name)))
            .Apply(lists => ConvergeInventory.Render(
                args.Cluster, args.Stack, args.Access.User, args.Cluster.Nodes.Select((n, i) => (n.Name, lists[i])).ToDictionary(p => p.Name, p => p.Item2, StringComparer.Ordinal)));
        Playbook = new Playbook("site", new PlaybookArgs
        {
            Source = args.Content.SourceDirectory,
            Files = [.. args.Content.Files.Select(f => (Input<string>)f)],
            Digest = args.Content.Digest,
            Path = AnsibleContent.Playbook,
            Inventory = inventory,
            KnownHosts = args.Access.KnownHosts,
            User = args.Access.User,
            PrivateKey = args.Access.PrivateKeyPem,
            HostVariables = args.HostVariables.ToDictionary(
                node => node.Key,
                node => (IReadOnlyDictionary<string, Input<string>>)node.Value.ToDictionary(
                    v => v.Key, v => (Input<string>)(v.Value.Secret ? Output.CreateSecret(v.Value.Value) : v.Value.Value), StringComparer.Ordinal),
                StringComparer.Ordinal),
        }, here with { DependsOn = [.. here.DependsOn, .. operations] });
        Hosts = Playbook.Hosts;
        RegisterOutputs(new Dictionary<string, object?> { ["hosts"] = Hosts, ["drift"] = Playbook.Drift });
    }

    private static Output<IReadOnlyList<ConvergeDisk>> DiskList(ConvergeArgs args, string node)
    {
        var disks = args.Disks.GetValueOrDefault(node) ?? [];
        return Output.All(disks.Select(d => d.Device)).Apply(devices =>
            (IReadOnlyList<ConvergeDisk>)[.. disks.Select((d, i) => new ConvergeDisk(d.Name, devices[i], d.Purpose, d.SizeGiB))]);
    }

    /// <summary>The playbook resource (for stages that wait on a converged node).</summary>
    public Playbook Playbook { get; }

    /// <summary>Per node the recap of the last converge that ran (ok, changed, failures, unreachable, skipped).</summary>
    public Output<Dictionary<string, Dictionary<string, int>>> Hosts { get; }
}
