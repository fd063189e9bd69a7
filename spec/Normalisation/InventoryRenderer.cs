using System.Text.Json;
using System.Text.Json.Nodes;
using Kubedos.Spec.Model;

namespace Kubedos.Spec.Normalisation;

/// <summary>Renders the normalised nodes as an Ansible inventory (JSON form): groups by role, plane addresses as host vars.</summary>
internal static class InventoryRenderer
{
    public static string Render(NormalisedCluster cluster)
    {
        var groups = new JsonObject();
        foreach (var role in new[] { NodeRole.ControlPlane, NodeRole.Worker })
        {
            var hosts = new JsonObject();
            foreach (var node in cluster.Nodes.Where(n => n.Role == role))
            {
                var vars = new JsonObject
                {
                    ["ansible_host"] = node.PlaneAddresses[cluster.ControlPlane.Name].ToString(),
                    ["kubedos_failure_domain"] = node.FailureDomain,
                };
                foreach (var (plane, address) in node.PlaneAddresses)
                {
                    vars[$"kubedos_{plane}_address"] = address.ToString();
                }

                hosts[node.Name] = vars;
            }

            groups[role == NodeRole.ControlPlane ? "control_plane" : "workers"] = new JsonObject { ["hosts"] = hosts };
        }

        var inventory = new JsonObject
        {
            ["all"] = new JsonObject
            {
                ["vars"] = new JsonObject { ["kubedos_cluster"] = cluster.Name },
                ["children"] = groups,
            },
        };
        return inventory.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
