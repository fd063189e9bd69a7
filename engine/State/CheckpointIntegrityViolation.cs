using Kubedos.Engine.Model;

namespace Kubedos.Engine.State;

/// <summary>One rule of <see cref="CheckpointIntegrity"/> a checkpoint breaks, at the resource that breaks it.</summary>
/// <param name="Urn">The resource (or pending operation's resource) at fault.</param>
/// <param name="Rule">The rule's name: <c>duplicate-urn</c>, <c>dangling-parent</c>, <c>parent-cycle</c>, ...</param>
/// <param name="Message">What is wrong, naming the other URNs involved.</param>
public sealed record CheckpointIntegrityViolation(Urn Urn, string Rule, string Message)
{
    public override string ToString() => $"{Urn.Value}: {Rule}: {Message}";
}
