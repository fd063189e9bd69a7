namespace Kubedos.Spec.Normalisation;

/// <summary>One flow opened from plane <paramref name="From"/> to plane <paramref name="To"/> on <paramref name="Ports"/>.</summary>
internal sealed record NormalisedAllowRule(NormalisedPlane From, NormalisedPlane To, IReadOnlyList<PortRange> Ports);
