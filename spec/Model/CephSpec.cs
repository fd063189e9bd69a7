using System.ComponentModel;

namespace Kubedos.Spec.Model;

/// <summary>Replicated Ceph storage.</summary>
internal sealed record CephSpec
{
    [Description("Whether Ceph is deployed.")]
    public bool Enabled { get; init; } = false;

    [Description("Replicas per object.")]
    public int? Size { get; init; }

    [Description("Replicas needed to serve I/O.")]
    public int? MinSize { get; init; }

    [Description("Replicas are spread over hosts (default) or failure domains.")]
    public CephFailureDomain FailureDomain { get; init; } = CephFailureDomain.Host;

    [Description("Plane Ceph traffic is bound to.")]
    public string? Plane { get; init; }

    [Description("What happens when an OSD is lost: rebalance (default) or wait-for-replacement.")]
    public CephRecovery Recovery { get; init; } = CephRecovery.Rebalance;
}
