using System.Collections.Immutable;
using Kubedos.Engine.Model;

namespace Kubedos.Engine.Testing;

/// <summary>One resource a test deployment registered: what the program declared and what the mocks answered.</summary>
/// <param name="Urn">The resource's URN.</param>
/// <param name="Type">Its type token.</param>
/// <param name="Name">Its name.</param>
/// <param name="Custom">True for a custom resource, false for a component.</param>
/// <param name="Parent">The parent's URN; null for the stack.</param>
/// <param name="Inputs">Its inputs, resolved.</param>
/// <param name="Dependencies">The URNs it waited for, in URN order.</param>
/// <param name="Id">The custom resource's id; null for components and for a resource that failed.</param>
/// <param name="Outputs">The mock's outputs (a component's registered outputs).</param>
/// <param name="Error">Why the resource failed (its mock threw, or a dependency failed); null when it did not.</param>
public sealed record RecordedResource(
    string Urn,
    string Type,
    string Name,
    bool Custom,
    string? Parent,
    PropertyMap Inputs,
    ImmutableArray<string> Dependencies,
    string? Id,
    PropertyMap Outputs,
    string? Error);
