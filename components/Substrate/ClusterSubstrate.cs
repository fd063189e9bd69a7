using Kubedos.Engine.Model;

namespace Kubedos.Components.Substrate;

/// <summary>
/// Stage 1 (<c>kubedos:components:Substrate</c>): the cluster's machines. The implementation of <c>spec.substrate.type</c>
/// (<see cref="SubstrateKinds"/>) declares them under this component; later stages see only <see cref="ISubstrate"/>.
/// </summary>
internal sealed class ClusterSubstrate : ComponentResource, ISubstrate
{
    public const string TypeToken = "kubedos:components:Substrate";

    /// <exception cref="UnsupportedSubstrateException">No implementation of the spec's substrate type is known.</exception>
    public ClusterSubstrate(string name, SubstrateArgs args, ResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var type = args.Cluster.Substrate.Type;
        var supplied = args.Kinds.For(type).Provision(this, args);
        Nodes = supplied.Nodes;
        OperatorAccess = supplied.OperatorAccess;
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["type"] = SubstrateKinds.SpecName(type),
            ["nodes"] = Nodes.ToDictionary(n => n.Name, n => (object?)n.UnderlayAddress, StringComparer.Ordinal),
        });
    }

    /// <summary>Every node, in the spec's order, with its bootstrap channel.</summary>
    public IReadOnlyList<SubstrateNode> Nodes { get; }

    /// <summary>How the operator's host joins a node plane.</summary>
    public IOperatorAccess OperatorAccess { get; }
}
