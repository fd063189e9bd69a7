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
        Playbook = new Playbook("site", new PlaybookArgs
        {
            Source = args.Content.SourceDirectory,
            Files = [.. args.Content.Files.Select(f => (Input<string>)f)],
            Digest = args.Content.Digest,
            Path = AnsibleContent.Playbook,
            Inventory = ConvergeInventory.Render(args.Cluster, args.Stack, args.Access.User),
            KnownHosts = args.Access.KnownHosts,
            User = args.Access.User,
            PrivateKey = args.Access.PrivateKeyPem,
            HostVariables = args.HostVariables.ToDictionary(
                node => node.Key,
                node => (IReadOnlyDictionary<string, Input<string>>)node.Value.ToDictionary(
                    v => v.Key, v => (Input<string>)(v.Value.Secret ? Output.CreateSecret(v.Value.Value) : v.Value.Value), StringComparer.Ordinal),
                StringComparer.Ordinal),
        }, here);
        Hosts = Playbook.Hosts;
        RegisterOutputs(new Dictionary<string, object?> { ["hosts"] = Hosts, ["drift"] = Playbook.Drift });
    }

    /// <summary>The playbook resource (for stages that wait on a converged node).</summary>
    public Playbook Playbook { get; }

    /// <summary>Per node the recap of the last converge that ran (ok, changed, failures, unreachable, skipped).</summary>
    public Output<Dictionary<string, Dictionary<string, int>>> Hosts { get; }
}
