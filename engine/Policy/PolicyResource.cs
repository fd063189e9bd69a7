using System.Collections.Immutable;
using Kubedos.Engine.Model;

namespace Kubedos.Engine.Policy;

/// <summary>One resource as a policy sees it: its URN, type, name and inputs (the engine builds these from registrations or state).</summary>
/// <param name="Urn">The resource's URN.</param>
/// <param name="Inputs">Its inputs; secret values stay wrapped as secrets, unknown ones (preview) as unknown.</param>
public sealed record PolicyResource(Urn Urn, PropertyMap Inputs)
{
    /// <summary>The type token (<c>tls:index:PrivateKey</c>).</summary>
    public string Type => Urn.Type;

    /// <summary>The resource's name.</summary>
    public string Name => Urn.Name;

    /// <summary>The parent's URN, when the resource has a parent other than the stack.</summary>
    public Urn? Parent { get; init; }

    /// <summary>The resources this one depends on.</summary>
    public ImmutableArray<Urn> Dependencies { get; init; } = [];

    /// <summary>Where the resource is declared, when known.</summary>
    public PolicySourceLocation? Source { get; init; }
}
