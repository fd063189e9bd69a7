using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>An enabled Ceph declares its replication and has enough hosts or failure domains for it (spec section 11.2).</summary>
internal sealed class CephReplicationRule : ISpecRule
{
    public string Id => "ceph-replication";

    public string Summary => "With ceph.enabled: size and minSize set, 1 <= minSize <= size, a declared plane, and at least size nodes (or failure domains) to hold the replicas.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var ceph = document.Spec.Storage.Ceph;
        if (!ceph.Enabled)
        {
            yield break;
        }

        const string path = "spec.storage.ceph";
        if (ceph.Size is not { } size || ceph.MinSize is not { } minSize)
        {
            yield return new SpecFinding(path, "ceph is enabled but size and minSize are not both set");
            yield break;
        }

        if (minSize < 1 || minSize > size)
        {
            yield return new SpecFinding($"{path}.minSize", $"ceph minSize {minSize} must be between 1 and size ({size})");
        }

        if (ceph.Plane is null || !document.Spec.Networking.Planes.ContainsKey(ceph.Plane))
        {
            yield return new SpecFinding($"{path}.plane", $"ceph must bind to a declared plane, not '{ceph.Plane ?? "(unset)"}'");
        }

        var nodes = document.Spec.Nodes.Inventory;
        var spread = ceph.FailureDomain == CephFailureDomain.Host
            ? nodes.Count
            : nodes.Select(n => n.FailureDomain).Where(d => d is not null).Distinct(StringComparer.Ordinal).Count();
        var unit = ceph.FailureDomain == CephFailureDomain.Host ? "nodes" : "failure domains with nodes";
        if (spread < size)
        {
            yield return new SpecFinding($"{path}.size", $"ceph size {size} needs {size} {unit} to place replicas apart, but there are {spread}");
        }
    }
}
