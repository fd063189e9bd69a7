using Kubedos.Engine.Automation.Events;
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
        await Task.WhenAll(resources.Select(r => Task.Run(() => RefreshOneAsync(run, r))));
    }

    private static async Task RefreshOneAsync(DeploymentRun run, ResourceState r)
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
