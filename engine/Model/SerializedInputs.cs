using System.Collections.Immutable;

namespace Kubedos.Engine.Model;

/// <summary>A resource's inputs as the engine sees them, with the resources each came from.</summary>
internal sealed record SerializedInputs(
    PropertyMap Inputs,
    ImmutableHashSet<Resource> Dependencies,
    ImmutableSortedDictionary<string, ImmutableHashSet<Resource>> PropertyDependencies);
