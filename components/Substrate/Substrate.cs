using Kubedos.Engine.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Substrate;

/// <summary>
/// Stage 1 (<c>kubedos:components:Substrate</c>): the machines. The implementation of <c>spec.substrate.type</c>
/// (<see cref="SubstrateKinds"/>) declares them under this component; later stages see only <see cref="ISubstrate"/>.
/// </summary>
internal sealed class Substrate : ComponentResource, ISubstrate
{
    public const string TypeToken = "kubedos:components:Substrate";

    /// <param name="name">The component's name.</param>
    /// <param name="cluster">The normalised spec.</param>
    /// <param name="projectDirectory">The project directory of the state being deployed (recorded as the lab's owner).</param>
    /// <param name="options">Resource options.</param>
    /// <param name="kinds">The substrate implementations to choose from (<see cref="SubstrateKinds.BuiltIn"/> unless given).</param>
    /// <exception cref="UnsupportedSubstrateException">No implementation of the spec's substrate type is known.</exception>
    public Substrate(string name, NormalisedCluster cluster, string projectDirectory, ResourceOptions? options = null, SubstrateKinds? kinds = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var type = cluster.Document.Spec.Substrate.Type;
        var supplied = (kinds ?? SubstrateKinds.BuiltIn).For(type).Provision(this, cluster, projectDirectory);
        Nodes = supplied.Nodes;
        OperatorAccess = supplied.OperatorAccess;
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["type"] = SubstrateKinds.SpecName(type),
            ["nodes"] = Nodes.ToDictionary(n => n.Name, n => (object?)n.UnderlayAddress, StringComparer.Ordinal),
        });
    }

    public IReadOnlyList<SubstrateNode> Nodes { get; }

    public IOperatorAccess OperatorAccess { get; }
}
