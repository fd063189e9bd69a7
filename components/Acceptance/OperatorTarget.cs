using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Acceptance;

/// <summary>A node as the operator's probes see it: its addresses and the host key to pin.</summary>
internal sealed record OperatorTarget(NormalisedNode Node, string UnderlayAddress, string HostPublicKey);
