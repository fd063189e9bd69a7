using Kubedos.Engine.Model;
using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Substrate;

/// <summary>One <c>spec.substrate.type</c> this build can make machines on.</summary>
internal interface ISubstrateKind
{
    /// <summary>The spec's substrate type it implements.</summary>
    SubstrateType Type { get; }

    /// <summary>Declares the machines of <paramref name="cluster"/> under <paramref name="substrate"/> (their parent) and hands them out.</summary>
    /// <param name="substrate">The Substrate component; every resource made here is its child.</param>
    /// <param name="cluster">The normalised spec.</param>
    /// <param name="projectDirectory">The project directory of the state being deployed.</param>
    ISubstrate Provision(ComponentResource substrate, NormalisedCluster cluster, string projectDirectory);
}
