using System.Collections.Immutable;
using Kubedos.Engine.Model;
using Kubedos.Engine.Planning;

namespace Kubedos.Engine.Automation.Events;

/// <summary>A step as events describe it: the op, the resource, old and new state, the changed keys and the detailed diff.</summary>
public sealed record StepEventMetadata(
    StepKind Op,
    Urn Urn,
    string Type,
    StepEventStateMetadata? Old,
    StepEventStateMetadata? New,
    ImmutableArray<string> Keys,
    ImmutableArray<string> Diffs,
    ImmutableSortedDictionary<string, PropertyDiff> DetailedDiff,
    string? Provider)
{
    /// <summary>The op's name as Pulumi writes it (<c>same</c>, <c>create-replacement</c>, ...).</summary>
    public string OpName => Op switch
    {
        StepKind.CreateReplacement => "create-replacement",
        StepKind.DeleteReplaced => "delete-replaced",
        _ => Op.ToString().ToLowerInvariant(),
    };
}
