using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>Every NIC attaches to a declared bridge, and a tagged NIC's VLAN is trunked by a VLAN-aware bridge.</summary>
internal sealed class VlanTrunkRule : ISpecRule
{
    public string Id => "vlan-trunk-consistency";

    public string Summary => "NICs name declared bridges; a NIC's VLAN is in 1-4094, its bridge is vlanAware and (when trunks are listed) trunks that VLAN.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var proxmox = document.Spec.Substrate.Proxmox;
        if (proxmox is null || document.Spec.Substrate.Type != SubstrateType.Proxmox)
        {
            yield break;
        }

        var bridges = proxmox.Bridges.GroupBy(b => b.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        for (var b = 0; b < proxmox.Bridges.Count; b++)
        {
            foreach (var trunk in proxmox.Bridges[b].Trunks.Where(t => t is < 1 or > 4094))
            {
                yield return new SpecFinding($"spec.substrate.proxmox.bridges[{b}].trunks", $"bridge '{proxmox.Bridges[b].Name}' trunks VLAN {trunk}; VLAN ids are 1-4094");
            }
        }

        var inventory = document.Spec.Nodes.Inventory;
        for (var n = 0; n < inventory.Count; n++)
        {
            for (var i = 0; i < inventory[n].Nics.Count; i++)
            {
                var nic = inventory[n].Nics[i];
                var path = $"spec.nodes.inventory[{n}].nics[{i}]";
                if (!bridges.TryGetValue(nic.Bridge, out var bridge))
                {
                    yield return new SpecFinding($"{path}.bridge", $"node '{inventory[n].Name}' attaches to bridge '{nic.Bridge}', which spec.substrate.proxmox.bridges does not declare");
                    continue;
                }

                if (nic.Vlan is not { } vlan)
                {
                    continue;
                }

                if (vlan is < 1 or > 4094)
                {
                    yield return new SpecFinding($"{path}.vlan", $"node '{inventory[n].Name}' uses VLAN {vlan}; VLAN ids are 1-4094");
                }
                else if (!bridge.VlanAware)
                {
                    yield return new SpecFinding($"{path}.vlan", $"node '{inventory[n].Name}' tags VLAN {vlan} on bridge '{bridge.Name}', which is not vlanAware");
                }
                else if (bridge.Trunks.Count > 0 && !bridge.Trunks.Contains(vlan))
                {
                    yield return new SpecFinding($"{path}.vlan", $"node '{inventory[n].Name}' uses VLAN {vlan} but bridge '{bridge.Name}' trunks only [{string.Join(", ", bridge.Trunks)}]");
                }
            }
        }
    }
}
