using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;

namespace Kubedos.Providers.Local;

/// <summary>Turns lab failures into provider errors that name the resource and the input to blame.</summary>
internal static class LabFailures
{
    /// <summary>Runs a lab operation; its typed failures come out as <see cref="ProviderException"/>.</summary>
    public static async Task<T> GuardAsync<T>(Urn urn, string? property, Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception e) when (e is LabCommandException or LabConflictException or LabNodeGoneException or ArgumentException or IOException)
        {
            throw new ProviderException(urn, e is ArgumentException ? property : null, e.Message, e);
        }
    }

    /// <summary>The stack a lab resource belongs to: its <c>stack</c> input, else the URN's stack.</summary>
    public static string StackOf(Urn urn, string? stack) => stack ?? urn.Stack;

    /// <summary>
    /// The running node a resource lives on, or a provider error saying it is not running, or that it belongs to another
    /// state than <paramref name="owner"/> (which this resource never touches).
    /// </summary>
    public static async Task<LabNode> NodeAsync(LocalLab lab, Urn urn, string stack, string node, string? owner, CancellationToken cancellationToken)
    {
        if (await lab.FindOwnedNodeAsync(stack, node, owner, cancellationToken) is { } found)
        {
            return found;
        }

        var record = await lab.OwnerAsync(stack, cancellationToken);
        throw new ProviderException(urn, "labOwner", record is not null && record.Id != owner
            ? $"lab node {node} of stack {stack} belongs to another state: project {record.Project} (owner {record.Id}); this state (owner {owner ?? "none recorded"}) does not touch it"
            : $"lab node {node} of stack {stack} is not running");
    }

    /// <summary>Failures for a resource's <c>labOwner</c> input: required, an id of the state that makes the lab.</summary>
    public static IEnumerable<CheckFailure> Owner(string? owner)
    {
        if (!LabOwner.IsId(owner))
        {
            yield return new CheckFailure(
                "labOwner", $"'{owner}' must be the id of the state that makes the lab (a-z, 0-9 and '-', 8 to 64 characters, e.g. a random:index:RandomId's hex), so no other state's lab is adopted");
        }
    }

    /// <summary>
    /// A diff request in which an owner first given to a resource recorded before lab owners existed is no change:
    /// the new owner is recorded (a same step), nothing on the node is replaced.
    /// </summary>
    public static DiffRequest OwnerFirstRecorded(DiffRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var old = request.OldInputs.GetOrDefault("labOwner");
        return (old is null || old.IsNull) && request.NewInputs.GetOrDefault("labOwner") is { } owner
            ? request with { OldInputs = request.OldInputs.Set("labOwner", owner) }
            : request;
    }

    /// <summary>Failures for a node resource's <c>node</c>, optional <c>stack</c> (lowercase DNS labels) and required <c>labOwner</c> inputs.</summary>
    public static IEnumerable<CheckFailure> NodeAndStack(string node, string? stack, string? owner) =>
        Label("node", node).Concat(Label("stack", stack)).Concat(Owner(owner));

    /// <summary>Failures for a value that must be a lowercase DNS label.</summary>
    public static IEnumerable<CheckFailure> Label(string property, string? value)
    {
        if (value is null)
        {
            yield break;
        }

        string? reason = null;
        try
        {
            LabNames.CheckName(value, property);
        }
        catch (ArgumentException e)
        {
            reason = e.Message;
        }

        if (reason is not null)
        {
            yield return new CheckFailure(property, reason);
        }
    }

    /// <summary>A diff whose replacements delete first: lab names (and a service's port) are deterministic, so old and new cannot coexist.</summary>
    /// <remarks>Set on every diff, not only one that asks for a replacement: <c>--replace</c> forces one on an unchanged resource too.</remarks>
    public static DiffResponse DeleteFirst(DiffResponse diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        return diff with { DeleteBeforeReplace = true };
    }
}
