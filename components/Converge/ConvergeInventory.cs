using System.Text.Json;
using System.Text.Json.Nodes;
using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Converge;

/// <summary>
/// The Ansible inventory Converge writes per run from the normalised spec (ansible/README.md): groups <c>control_plane</c>,
/// <c>worker</c>, <c>etcd</c>, <c>observability</c>, and per host its plane addresses, role and failure domain.
/// </summary>
internal static class ConvergeInventory
{
    public const string ControlPlaneGroup = "control_plane";
    public const string WorkerGroup = "worker";
    public const string EtcdGroup = "etcd";
    public const string ObservabilityGroup = "observability";

    /// <summary>The inventory as JSON: hosts by role, their variables on the role group, etcd and observability as member lists.</summary>
    public static string Render(NormalisedCluster cluster, string stack, string user)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var groups = new JsonObject
        {
            [ControlPlaneGroup] = Hosts(cluster.Nodes.Where(n => n.Role == NodeRole.ControlPlane), n => HostVariables(cluster, n, stack, user)),
            [WorkerGroup] = Hosts(cluster.Nodes.Where(n => n.Role == NodeRole.Worker), n => HostVariables(cluster, n, stack, user)),
            [EtcdGroup] = Hosts(EtcdMembers(cluster), _ => new JsonObject()),
            [ObservabilityGroup] = Hosts(ObservabilityNodes(cluster), _ => new JsonObject()),
        };
        var inventory = new JsonObject
        {
            ["all"] = new JsonObject
            {
                ["vars"] = new JsonObject { ["kubedos_stack"] = stack, ["kubedos_cluster"] = cluster.Name },
                ["children"] = groups,
            },
        };
        return inventory.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The stacked etcd members: every control-plane node when Kubernetes is enabled, else none.</summary>
    public static IEnumerable<NormalisedNode> EtcdMembers(NormalisedCluster cluster) =>
        cluster.Kubernetes.Enabled ? cluster.Nodes.Where(n => n.Role == NodeRole.ControlPlane) : [];

    /// <summary>Where Prometheus and the log collector run: the first control-plane node when observability is enabled, else none.</summary>
    public static IEnumerable<NormalisedNode> ObservabilityNodes(NormalisedCluster cluster) =>
        cluster.Kubernetes.Observability.Enabled ? cluster.Nodes.Where(n => n.Role == NodeRole.ControlPlane).Take(1) : [];

    private static JsonObject HostVariables(NormalisedCluster cluster, NormalisedNode node, string stack, string user)
    {
        var vars = new JsonObject
        {
            ["ansible_host"] = node.PlaneAddresses[cluster.ControlPlane.Name].ToString(),
            ["ansible_user"] = user,
            ["kubedos_node"] = node.Name,
            ["kubedos_role"] = node.Role == NodeRole.ControlPlane ? "control-plane" : "worker",
            ["kubedos_failure_domain"] = node.FailureDomain ?? string.Empty,
            ["kubedos_stack"] = stack,
        };
        foreach (var (plane, address) in node.PlaneAddresses.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            vars[$"kubedos_{plane.Replace('-', '_')}_address"] = address.ToString();
        }

        return vars;
    }

    private static JsonObject Hosts(IEnumerable<NormalisedNode> nodes, Func<NormalisedNode, JsonObject> variables)
    {
        var hosts = new JsonObject();
        foreach (var node in nodes)
        {
            hosts[node.Name] = variables(node);
        }

        return new JsonObject { ["hosts"] = hosts };
    }
}
