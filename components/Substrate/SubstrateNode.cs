using Kubedos.Engine.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Substrate;

/// <summary>What the substrate hands every later stage about a node.</summary>
/// <param name="Node">The normalised node (name, role, plane addresses).</param>
/// <param name="UnderlayAddress">Where the node's WireGuard endpoints listen.</param>
/// <param name="Channel">How first-boot content reaches the node.</param>
/// <param name="Instance">
/// Which incarnation of the machine this is: it changes whenever the substrate makes the machine anew (a replacement after a
/// failure), never otherwise. What belongs to one machine (its plane keys, its enrollment token, evidence about it) is keyed on it.
/// </param>
internal sealed record SubstrateNode(NormalisedNode Node, string UnderlayAddress, INodeBootstrapChannel Channel, Output<string> Instance)
{
    public string Name => Node.Name;
}
