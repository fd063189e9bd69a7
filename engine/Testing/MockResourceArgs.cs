using System.Collections.Immutable;
using Kubedos.Engine.Model;

namespace Kubedos.Engine.Testing;

/// <summary>A custom resource as a test deployment hands it to <see cref="IMocks"/>: its inputs are resolved, its dependencies registered.</summary>
public sealed record MockResourceArgs(
    string Type,
    string Name,
    string Urn,
    string? Parent,
    PropertyMap Inputs,
    ImmutableArray<string> Dependencies,
    bool IsPreview);
