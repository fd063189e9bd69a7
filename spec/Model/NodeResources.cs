using System.ComponentModel;

namespace Kubedos.Spec.Model;

/// <summary>CPU and memory of a node.</summary>
internal sealed record NodeResources
{
    [Description("Virtual CPUs. Defaults to 2.")]
    public int Cpu { get; init; } = 2;

    [Description("Memory in MiB. Defaults to 4096.")]
    public int MemoryMiB { get; init; } = 4096;
}
