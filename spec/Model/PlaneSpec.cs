using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Kubedos.Spec.Model;

/// <summary>A WireGuard L3 plane.</summary>
internal sealed record PlaneSpec
{
    [Required, Description("Plane network; node addresses are derived from it.")]
    public string Cidr { get; init; } = "";

    [Required, Description("control, observability, kubernetes-backend or storage.")]
    public PlanePurpose Purpose { get; init; } = PlanePurpose.Control;

    [Description("UDP port of the plane's WireGuard interface. Defaults to 51820 + the plane's number.")]
    public int? ListenPort { get; init; }
}
