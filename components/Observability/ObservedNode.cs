namespace Kubedos.Components.Observability;

/// <summary>A node as the observability stack sees it: its name, role and address on the bind plane.</summary>
/// <param name="Name">The node name (the <c>node</c> label of its series, the peer name of its log certificate).</param>
/// <param name="Role"><c>control-plane</c> or <c>worker</c>.</param>
/// <param name="Address">Its address on the bind plane (wg2 by default): everything of the stack listens and connects there.</param>
internal sealed record ObservedNode(string Name, string Role, string Address);
