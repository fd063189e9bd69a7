using System.Collections.Immutable;
using Kubedos.Engine.Model;

namespace Kubedos.Engine.Policy;

/// <summary>One planned step as a plan policy sees it, so a policy can forbid a delete or a replace.</summary>
/// <param name="Op">What the step does.</param>
/// <param name="Urn">The resource's URN.</param>
/// <param name="OldInputs">The inputs in the current state; null for a create.</param>
/// <param name="NewInputs">The inputs the program asks for; null for a delete.</param>
public sealed record PolicyStep(PolicyStepOp Op, Urn Urn, PropertyMap? OldInputs, PropertyMap? NewInputs)
{
    /// <summary>The type token.</summary>
    public string Type => Urn.Type;

    /// <summary>The properties whose change forces a replace (empty unless <see cref="Op"/> is <see cref="PolicyStepOp.Replace"/>).</summary>
    public ImmutableArray<string> ReplaceKeys { get; init; } = [];

    /// <summary>Where the resource is declared, when known.</summary>
    public PolicySourceLocation? Source { get; init; }
}
