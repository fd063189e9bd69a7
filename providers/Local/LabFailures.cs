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

    /// <summary>The running node a resource lives on, or a provider error saying it is not running.</summary>
    public static async Task<LabNode> NodeAsync(LocalLab lab, Urn urn, string stack, string node, CancellationToken cancellationToken) =>
        await lab.FindNodeAsync(stack, node, cancellationToken)
            ?? throw new ProviderException(urn, "node", $"lab node {node} of stack {stack} is not running");

    /// <summary>Failures for a resource's <c>node</c> and optional <c>stack</c> inputs (both lowercase DNS labels).</summary>
    public static IEnumerable<CheckFailure> NodeAndStack(string node, string? stack) => Label("node", node).Concat(Label("stack", stack));

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

    /// <summary>A diff whose replacements delete first: lab names are deterministic, so old and new cannot coexist.</summary>
    public static DiffResponse DeleteFirst(DiffResponse diff) =>
        diff.RequiresReplace ? diff with { DeleteBeforeReplace = true } : diff;
}
