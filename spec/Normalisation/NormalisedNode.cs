using System.Net;
using Kubedos.Spec.Model;

namespace Kubedos.Spec.Normalisation;

/// <summary>A node with its host offset and its address on every plane.</summary>
internal sealed record NormalisedNode(
    string Name,
    NodeRole Role,
    string? FailureDomain,
    long Offset,
    IReadOnlyDictionary<string, IPAddress> PlaneAddresses,
    NodeSpec Spec);
