using System.Collections.Concurrent;
using System.Collections.Immutable;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Model;
using Kubedos.Engine.Planning;
using Kubedos.Engine.Providers;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Execution;

/// <summary>Reads every resource through its provider and brings the state to what is real, reporting drift as a diff.</summary>
internal static class RefreshRun
{
    public static async Task RunAsync(DeploymentRun run)
    {
        var resources = run.Basis.Resources.Where(r => run.Settings.Targets.Names(r.Urn)).ToList();
        var gone = new ConcurrentBag<ResourceState>();
        await Task.WhenAll(resources.Select(r => Task.Run(() => RefreshOneAsync(run, r, gone))));
        await ForgetAsync(run, [.. gone]);
    }

    /// <summary>
    /// As in Pulumi's refresh, a resource found gone leaves no reference behind: its dependents drop it from their
    /// dependencies and property dependencies, and its children take its parent. Otherwise the state would name a
    /// resource it no longer holds, which the checkpoint's integrity check refuses on the next load.
    /// </summary>
    private static async Task ForgetAsync(DeploymentRun run, IReadOnlyList<ResourceState> gone)
    {
        if (gone.Count == 0 || run.Journal?.Draft is not { } draft)
        {
            return;
        }

        var parentOf = gone.Where(g => !g.Delete).GroupBy(g => g.Urn).ToDictionary(g => g.Key, g => g.First().Parent);
        Urn? Surviving(Urn? parent)
        {
            for (var hops = 0; parent is not null && parentOf.TryGetValue(parent, out var up) && hops <= parentOf.Count; hops++)
            {
                parent = up;
            }

            return parent;
        }

        foreach (var r in draft.ToCheckpoint(run.Now).Resources)
        {
            var dependencies = r.Dependencies.Where(d => !parentOf.ContainsKey(d)).ToImmutableArray();
            var properties = r.PropertyDependencies.Where(p => p.Value.Any(parentOf.ContainsKey)).ToList();
            var parent = Surviving(r.Parent);
            if (dependencies.Length == r.Dependencies.Length && properties.Count == 0 && parent == r.Parent)
            {
                continue;
            }

            var propertyDependencies = r.PropertyDependencies;
            foreach (var (key, urns) in properties)
            {
                propertyDependencies = propertyDependencies.SetItem(key, [.. urns.Where(d => !parentOf.ContainsKey(d))]);
            }

            await run.RecordAsync(JournalOp.Put(r with { Dependencies = dependencies, PropertyDependencies = propertyDependencies, Parent = parent }));
        }
    }

    private static async Task RefreshOneAsync(DeploymentRun run, ResourceState r, ConcurrentBag<ResourceState> vanished)
    {
        if (!r.Custom || r.Id is null)
        {
            run.Count(StepKind.Same);
            return;
        }

        await run.Slots.WaitAsync(run.CancellationToken);
        try
        {
            var provider = run.Settings.Providers.ResolveReference(r.Type, r.Provider);
            var read = await provider.ReadAsync(new ReadRequest(r.Urn, r.Type, r.Id, r.Inputs, r.Outputs), run.CancellationToken);
            if (!read.Exists)
            {
                var gone = StepEvents.Metadata(StepKind.Delete, r.Urn, r.Type, r, null);
                run.Events.Emit(new ResourcePreEvent(gone, run.DryRun));
                run.Warn(r.Urn, "drift: the resource no longer exists; it is removed from the state");
                await run.RecordAsync(JournalOp.Remove(r));
                vanished.Add(r);
                run.Count(StepKind.Delete);
                run.Events.Emit(new ResourceOutputsEvent(gone, run.DryRun));
                return;
            }

            var outputs = StepEvents.SecureOutputs(read.Outputs, r.Inputs, r.AdditionalSecretOutputs);
            var changed = r.Outputs.ChangedKeys(outputs);
            if (changed.Count == 0 && read.Id == r.Id)
            {
                run.Count(StepKind.Same);
                return;
            }

            var refreshed = r with { Id = read.Id, Outputs = outputs };
            var metadata = StepEvents.Metadata(StepKind.Update, r.Urn, r.Type, r, refreshed, outputDiffKeys: changed);
            run.Events.Emit(new ResourcePreEvent(metadata, run.DryRun));
            run.Warn(r.Urn, $"drift: {string.Join(", ", changed)} changed outside of Kubedos");
            await run.RecordAsync(JournalOp.Put(refreshed));
            run.Count(StepKind.Update);
            run.Events.Emit(new ResourceOutputsEvent(metadata, run.DryRun));
        }
        catch (Exception ex) when (ex is ProviderException or TimeoutException or IOException)
        {
            run.Fail(r.Urn, $"refresh failed: {ex.Message}", StepEvents.Metadata(StepKind.Refresh, r.Urn, r.Type, r, null));
        }
        finally
        {
            run.Slots.Release();
        }
    }
}
