using System.Collections.Immutable;
using Kubedos.Engine.Model;

namespace Kubedos.Engine.State;

/// <summary>One resource in a checkpoint, shaped like Pulumi's deployment v3 resource.</summary>
public sealed record ResourceState(Urn Urn, string Type, bool Custom)
{
    /// <summary>The provider's id; null for components.</summary>
    public string? Id { get; init; }

    public PropertyMap Inputs { get; init; } = PropertyMap.Empty;

    public PropertyMap Outputs { get; init; } = PropertyMap.Empty;

    public Urn? Parent { get; init; }

    /// <summary>True for an old resource replaced and awaiting deletion.</summary>
    public bool Delete { get; init; }

    public bool Protect { get; init; }

    public bool RetainOnDelete { get; init; }

    public ImmutableArray<Urn> Dependencies { get; init; } = [];

    public ImmutableSortedDictionary<string, ImmutableArray<Urn>> PropertyDependencies { get; init; } =
        ImmutableSortedDictionary.Create<string, ImmutableArray<Urn>>(StringComparer.Ordinal);

    /// <summary>The provider reference <c>&lt;providerUrn&gt;::&lt;providerId&gt;</c>.</summary>
    public string? Provider { get; init; }

    public bool PendingReplacement { get; init; }

    public CustomTimeouts? CustomTimeouts { get; init; }

    public DateTimeOffset? Created { get; init; }

    public DateTimeOffset? Modified { get; init; }

    public ImmutableArray<string> IgnoreChanges { get; init; } = [];

    public ImmutableArray<string> ReplaceOnChanges { get; init; } = [];

    public ImmutableArray<string> AdditionalSecretOutputs { get; init; } = [];

    /// <summary>Where the resource was declared (<see cref="ResourceOptions.SourcePosition"/>), when the program said.</summary>
    public PolicySourceLocation? SourcePosition { get; init; }

    /// <summary>
    /// True when <paramref name="other"/> records the same resource the same way, timestamps aside: a step that
    /// changed nothing at the provider rewrites the record only when this is false.
    /// </summary>
    public bool RecordsSameAs(ResourceState other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Protect == other.Protect && RetainOnDelete == other.RetainOnDelete && Parent == other.Parent && Provider == other.Provider
            && Dependencies.SequenceEqual(other.Dependencies) && Inputs.Equals(other.Inputs) && Outputs.Equals(other.Outputs)
            && CustomTimeouts == other.CustomTimeouts && SourcePosition == other.SourcePosition
            && PropertyDependencies.Count == other.PropertyDependencies.Count
            && PropertyDependencies.All(p => other.PropertyDependencies.TryGetValue(p.Key, out var o) && SameList(p.Value, o))
            && SameList(IgnoreChanges, other.IgnoreChanges) && SameList(ReplaceOnChanges, other.ReplaceOnChanges)
            && SameList(AdditionalSecretOutputs, other.AdditionalSecretOutputs);
    }

    private static bool SameList<T>(ImmutableArray<T> a, ImmutableArray<T> b) =>
        (a.IsDefault ? [] : a).SequenceEqual(b.IsDefault ? [] : b);

    /// <summary>The resources this one must outlive: its dependencies and its parent.</summary>
    public IEnumerable<Urn> DependenciesAndParent =>
        Parent is null ? Dependencies : Dependencies.Append(Parent);
}
