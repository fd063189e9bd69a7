using System.Collections.Immutable;
using Kubedos.Engine.Providers;

namespace Kubedos.Engine.Planning;

/// <summary>The step chosen for a registered resource, with the properties that changed and those that forced a replacement.</summary>
public sealed record StepDecision(
    StepKind Kind,
    ImmutableArray<string> ChangedKeys,
    ImmutableArray<ReplaceReason> ReplaceReasons,
    bool DeleteBeforeReplace)
{
    public static StepDecision Create { get; } = new(StepKind.Create, [], [], false);

    public static StepDecision Same { get; } = new(StepKind.Same, [], [], false);
}
