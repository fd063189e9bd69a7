using System.ComponentModel;

namespace Kubedos.Spec.Model;

/// <summary>Key and certificate lifetimes in days.</summary>
internal sealed record RotationSpec
{
    [Description("WireGuard key lifetime. Defaults to 30.")]
    public int WireguardDays { get; init; } = 30;

    [Description("Node certificate lifetime. Defaults to 90.")]
    public int NodeCertDays { get; init; } = 90;

    [Description("Kubernetes certificate lifetime. Defaults to 90.")]
    public int KubeCertDays { get; init; } = 90;
}
