using Kubedos.Spec.Model;

namespace Kubedos.Components.Converge;

/// <summary>A node's disk as the inventory lists it (<c>kubedos_disks</c>).</summary>
internal sealed record ConvergeDisk(string Name, string Device, DiskPurpose Purpose, int SizeGiB);
