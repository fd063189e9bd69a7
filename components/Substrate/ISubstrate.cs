namespace Kubedos.Components.Substrate;

/// <summary>
/// What a substrate supplies to every later stage: its nodes (each with a bootstrap channel, which also installs
/// software) and the operator's access to them. Nothing after the substrate stage asks which substrate it is.
/// </summary>
internal interface ISubstrate
{
    /// <summary>Every node, in the spec's order.</summary>
    IReadOnlyList<SubstrateNode> Nodes { get; }

    /// <summary>How the operator's host joins a node plane.</summary>
    IOperatorAccess OperatorAccess { get; }
}
