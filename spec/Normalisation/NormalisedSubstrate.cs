using Kubedos.Spec.Model;

namespace Kubedos.Spec.Normalisation;

/// <summary>Where the nodes come from.</summary>
/// <param name="Type">The substrate type (<c>spec.substrate.type</c>).</param>
/// <param name="LocalUnderlay">The local lab's underlay network (<c>spec.substrate.local.underlayCidr</c>, its default applied); null on other substrates.</param>
/// <param name="Declared">The substrate section as validated: each substrate implementation reads its own variant block.</param>
internal sealed record NormalisedSubstrate(SubstrateType Type, Ipv4Cidr? LocalUnderlay, SubstrateSpec Declared);
