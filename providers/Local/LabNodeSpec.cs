using System.Net;

namespace Kubedos.Providers.Local;

/// <summary>What a lab node should be (the ClusterSpec's node is <c>Kubedos.Spec.Model.NodeSpec</c>).</summary>
/// <param name="Stack">The stack; the node's names derive from it and from <paramref name="Name"/>.</param>
/// <param name="Name">The node name, also its hostname.</param>
/// <param name="Address">The node's underlay address.</param>
/// <param name="UnderlayCidr">The underlay the address belongs to (for its prefix length).</param>
/// <param name="Owner">The id of the state making the node; creating refuses unless it owns the stack's lab (null only for a node found on the host).</param>
/// <param name="Image">The node image the node runs; null shares the host's files.</param>
public sealed record LabNodeSpec(string Stack, string Name, IPAddress Address, IPNetwork UnderlayCidr, string? Owner = null, LabImage? Image = null);
