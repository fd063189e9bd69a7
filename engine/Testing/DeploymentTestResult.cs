using System.Collections.Immutable;
using Kubedos.Engine.Model;

namespace Kubedos.Engine.Testing;

/// <summary>Everything a test deployment registered, in URN order, the stack's outputs and the program's own failure.</summary>
public sealed record DeploymentTestResult(ImmutableArray<RecordedResource> Resources, PropertyMap StackOutputs, string? ProgramError)
{
    /// <summary>The resources of type token <paramref name="type"/>.</summary>
    public ImmutableArray<RecordedResource> OfType(string type) => [.. Resources.Where(r => r.Type == type)];

    /// <summary>The one resource of <paramref name="type"/> named <paramref name="name"/>; fails naming what exists when there is none.</summary>
    public RecordedResource Single(string type, string name) =>
        Resources.SingleOrDefault(r => r.Type == type && r.Name == name)
        ?? throw new InvalidOperationException(
            $"no resource {type} named '{name}'; registered: {string.Join(", ", Resources.Select(r => $"{r.Type}::{r.Name}"))}");
}
