using System.Collections.Immutable;

namespace Kubedos.Engine.Model;

/// <summary>A resource as the program declares it, handed to the engine's monitor.</summary>
internal sealed record ResourceRegistration(
    Resource Resource,
    Urn Urn,
    string Type,
    string Name,
    bool Custom,
    ResourceArgs Args,
    ResourceOptions Options,
    ImmutableArray<string> OutputNames);
