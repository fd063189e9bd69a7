using Kubedos.Engine.Model;
using Kubedos.Engine.State;
using Kubedos.Providers.Local;

namespace Kubedos.Operations.Drills.Local;

/// <summary>
/// The local lab a state made, as its <c>local:lab:Node</c> resources record it: what an out-of-band step (a host failure,
/// a fence) reads before it touches anything, so it never acts on another state's lab of the same stack name.
/// </summary>
internal static class StateLab
{
    /// <summary>The recorded <c>local:lab:Node</c> named <paramref name="node"/>, or null.</summary>
    public static ResourceState? Node(Checkpoint checkpoint, string node)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return Nodes(checkpoint).FirstOrDefault(r => Text(r.Outputs, "name") == node);
    }

    /// <summary>A string output of a recorded resource, or null.</summary>
    public static string? Text(PropertyMap map, string key) =>
        map.GetOrDefault(key)?.Unwrapped is { Kind: PropertyValueKind.String } value ? value.AsString() : null;

    /// <summary>
    /// Refuses unless the lab of <paramref name="stack"/> on this host is the one <paramref name="checkpoint"/>'s state made;
    /// <paramref name="recorded"/> is the node resource whose owner counts (null takes any the state records), <paramref name="act"/>
    /// what the caller does only in its own state's lab, for the refusal (e.g. "a drill fails").
    /// </summary>
    /// <returns>The owner id the state recorded.</returns>
    /// <exception cref="OperationRefusedException">The lab is another state's, or the state records no owner; nothing was touched.</exception>
    public static async Task<string> RequireOwnedAsync(LocalLab lab, string stack, Checkpoint checkpoint, ResourceState? recorded, string act, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var owner = (recorded is null ? Nodes(checkpoint) : [recorded]).Select(r => Text(r.Outputs, "labOwner")).FirstOrDefault(o => o is not null);
        if (owner is null || !await lab.OwnsAsync(stack, owner, cancellationToken))
        {
            throw new OperationRefusedException($"the lab of stack '{stack}' is not this state's (owner {owner ?? "unrecorded"}); {act} only a lab its own state made, nothing was touched");
        }

        return owner;
    }

    private static IEnumerable<ResourceState> Nodes(Checkpoint checkpoint) =>
        checkpoint.Resources.Where(r => !r.Delete && r.Type == NodeResource.TypeToken);
}
