using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Planning;
using Kubedos.Engine.Providers;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Execution;

/// <summary>Deletes resources in reverse dependency order: each as soon as everything depending on it is gone, independent ones in parallel.</summary>
/// <remarks>
/// A delete that fails (or is refused because the resource is protected) keeps what it depends
/// on alive; those are reported as not deleted, and unrelated deletes still run.
/// </remarks>
internal sealed class DeletePhase(DeploymentRun run)
{
    public async Task RunAsync(IReadOnlyList<ResourceState> toDelete)
    {
        if (toDelete.Count == 0)
        {
            return;
        }

        var first = DeletePlanner.MustDeleteFirst(toDelete);
        var tasks = new Dictionary<ResourceState, Task<bool>>(ReferenceEqualityComparer.Instance);
        var gate = new object();

        Task<bool> TaskFor(ResourceState r)
        {
            lock (gate)
            {
                if (!tasks.TryGetValue(r, out var task))
                {
                    task = Task.Run(() => DeleteAfterAsync(r, first[r].Select(TaskFor).ToList()));
                    tasks[r] = task;
                }

                return task;
            }
        }

        await Task.WhenAll(toDelete.Select(TaskFor).ToList());
    }

    private async Task<bool> DeleteAfterAsync(ResourceState resource, List<Task<bool>> before)
    {
        var results = await Task.WhenAll(before);
        if (results.Any(ok => !ok))
        {
            run.Warn(resource.Urn, $"not deleted: a resource that depends on it could not be deleted");
            return false;
        }

        await run.Slots.WaitAsync(run.CancellationToken);
        try
        {
            await DeleteAsync(resource);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !run.CancellationToken.IsCancellationRequested)
        {
            var message = ex is StepFailedException or ProviderException or TimeoutException ? ex.Message : $"delete failed: {ex.Message}";
            run.Fail(resource.Urn, message, StepEvents.Metadata(resource.Delete ? StepKind.DeleteReplaced : StepKind.Delete, resource.Urn, resource.Type, resource, null));
            return false;
        }
        finally
        {
            run.Slots.Release();
        }
    }

    private async Task DeleteAsync(ResourceState resource)
    {
        var op = resource.Delete ? StepKind.DeleteReplaced : StepKind.Delete;
        var metadata = StepEvents.Metadata(op, resource.Urn, resource.Type, resource, null);
        if (resource.Protect && !resource.Delete)
        {
            throw new StepFailedException(
                $"resource {resource.Urn.Value} is protected and cannot be deleted; to allow it, keep it in the program with Protect = false and run up first");
        }

        run.Events.Emit(new ResourcePreEvent(metadata, run.DryRun));
        if (!resource.Delete)
        {
            run.Plan?.Deleted(resource);
        }

        if (!run.DryRun)
        {
            if (resource.Custom && !resource.RetainOnDelete && resource.Id is not null)
            {
                var provider = run.Settings.Providers.ResolveReference(resource.Type, resource.Provider);
                await run.PendingCallAsync(resource, PendingOperationKind.Deleting, "delete", resource.CustomTimeouts?.Delete, async ct =>
                {
                    await provider.DeleteAsync(new DeleteRequest(resource.Urn, resource.Type, resource.Id, resource.Inputs, resource.Outputs), ct);
                    return true;
                });
                await run.RecordAsync(JournalOp.End(resource.Urn, PendingOperationKind.Deleting), JournalOp.Remove(resource));
            }
            else
            {
                if (resource.RetainOnDelete)
                {
                    run.Info(resource.Urn, "retained: removed from the state but not deleted (RetainOnDelete)");
                }

                await run.RecordAsync(JournalOp.Remove(resource));
            }
        }

        if (op == StepKind.Delete)
        {
            run.Count(StepKind.Delete);
        }

        run.Events.Emit(new ResourceOutputsEvent(metadata, run.DryRun));
    }
}
