using System.Collections.Concurrent;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Model;
using Kubedos.Engine.State;

namespace Kubedos.Operations.Gates;

/// <summary>What the acceptance gates say about a stack now, read the way the drills and runbooks need it.</summary>
internal static class GateEvidence
{
    /// <summary>
    /// What a preview says makes the gates' evidence stale (a gate resource that must run again because its <c>verify</c>
    /// check failed: a node it judged no longer answers as itself), or null when the evidence is fresh.
    /// </summary>
    public static async Task<string?> StaleAsync(WorkspaceStack stack, AcceptanceTargets gates, Action<EngineEvent>? onEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(gates);
        var probes = gates.Probes.ToHashSet();
        var stale = new ConcurrentQueue<string>();
        await stack.PreviewAsync(new UpdateOptions
        {
            OnEvent = e =>
            {
                if (e is ResourcePreEvent { Metadata: var m } && probes.Contains(m.Urn) && m.DetailedDiff.TryGetValue("verify", out var verify))
                {
                    stale.Enqueue($"{m.Urn.Name}: {verify.ReplaceReason}");
                }

                onEvent?.Invoke(e);
            },
        }, cancellationToken);
        return stale.IsEmpty ? null : string.Join("; ", stale);
    }

    /// <summary>Each gate's verdict (<c>backplane-matrix</c>: <c>passed</c>...) as the acceptance components' <c>gates</c> output records it.</summary>
    public static IReadOnlyDictionary<string, string> Verdicts(Checkpoint checkpoint, AcceptanceTargets gates)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(gates);
        var components = gates.Components.Select(c => c.Urn).ToHashSet();
        return checkpoint.Resources.Where(r => !r.Delete && components.Contains(r.Urn))
            .SelectMany(r => r.Outputs.GetOrDefault("gates")?.Unwrapped is { Kind: PropertyValueKind.Object } g ? g.AsObject() : PropertyMap.Empty)
            .ToDictionary(kv => kv.Key, kv => kv.Value.Unwrapped.Kind == PropertyValueKind.String ? kv.Value.Unwrapped.AsString() : kv.Value.ToString(), StringComparer.Ordinal);
    }

    /// <summary>The stack output <paramref name="key"/> when it is a string (<c>acceptance</c>: <c>passed</c>), else null.</summary>
    public static string? Text(IReadOnlyDictionary<string, OutputValue> outputs, string key) =>
        outputs.GetValueOrDefault(key)?.Value.Unwrapped is { Kind: PropertyValueKind.String } v ? v.AsString() : null;
}
