using Kubedos.Engine.Model;
using Kubedos.Spec.Model;

namespace Kubedos.Components.Substrate;

/// <summary>A disk the substrate gave a node (spec <c>nodes.inventory[].disks</c>), as later stages see it.</summary>
/// <param name="Name">The disk's name on its node (<c>POOL-INDEX</c>).</param>
/// <param name="SizeGiB">Its size.</param>
/// <param name="Purpose">What it holds (os, data, ceph-osd).</param>
/// <param name="Device">The block device the node sees.</param>
/// <param name="Guard">A shell condition true only for this very disk at <paramref name="Device"/>: a destructive operation checks it first.</param>
/// <param name="Resource">The resource that made it (what an operation on it waits for).</param>
internal sealed record SubstrateDisk(string Name, int SizeGiB, DiskPurpose Purpose, Output<string> Device, Output<string> Guard, Resource Resource);
