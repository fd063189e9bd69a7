using Kubedos.Engine.Model;
using Kubedos.Spec.Model;

namespace Kubedos.Components.Substrate;

/// <summary>One <c>spec.substrate.type</c> this build can make machines on.</summary>
internal interface ISubstrateKind
{
    /// <summary>The spec's substrate type it implements.</summary>
    SubstrateType Type { get; }

    /// <summary>Declares the machines of <see cref="SubstrateArgs.Cluster"/> under <paramref name="substrate"/> (their parent) and hands them out.</summary>
    /// <param name="substrate">The Substrate component; every resource made here is its child.</param>
    /// <param name="args">The normalised spec, the project directory of the state being deployed, and the node image when the nodes run one.</param>
    ISubstrate Provision(ComponentResource substrate, SubstrateArgs args);
}
