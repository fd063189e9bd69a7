using System.ComponentModel;

namespace Kubedos.Spec.Model;

/// <summary>Bare-metal hosts booted from the platform artifact.</summary>
internal sealed record BaremetalSubstrate
{
    [Description("pxe (default) or iso.")]
    public BootMode BootMode { get; init; } = BootMode.Pxe;

    [Description("The machines; each node names one.")]
    public IReadOnlyList<BaremetalHost> Hosts { get; init; } = [];
}
