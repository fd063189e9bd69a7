using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>A Proxmox VM id range is valid and holds every node (plus one spare for replace-before-delete).</summary>
internal sealed class VmidRangeRule : ISpecRule
{
    private const int ProxmoxMinimumVmid = 100;
    private const int ProxmoxMaximumVmid = 999_999_999;

    public string Id => "vmid-range";

    public string Summary => "proxmox.vmidRange lies in 100..999999999, start <= end, and holds one id per node plus one for a replacement.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var range = document.Spec.Substrate.Proxmox?.VmidRange;
        if (range is null || document.Spec.Substrate.Type != SubstrateType.Proxmox)
        {
            yield break;
        }

        const string path = "spec.substrate.proxmox.vmidRange";
        if (range.Start < ProxmoxMinimumVmid || range.End > ProxmoxMaximumVmid || range.Start > range.End)
        {
            yield return new SpecFinding(path, $"vmidRange {range.Start}-{range.End} is invalid: Proxmox VM ids run {ProxmoxMinimumVmid}-{ProxmoxMaximumVmid} and start must not exceed end");
            yield break;
        }

        var needed = document.Spec.Nodes.Inventory.Count + 1;
        var size = (long)range.End - range.Start + 1;
        if (size < needed)
        {
            yield return new SpecFinding(path, $"vmidRange {range.Start}-{range.End} holds {size} ids but {document.Spec.Nodes.Inventory.Count} nodes need {needed} (one spare so a node can be replaced before its old VM is deleted)");
        }
    }
}
