using Kubedos.Engine.Providers;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Execution;

/// <summary>Finishes what a killed operation left pending, through the providers, before anything else runs.</summary>
/// <remarks>
/// A pending create is resolved by the provider's Read without an id: a found resource is adopted
/// into the state (the program then diffs against it), a missing one is simply created again. A
/// pending delete is completed (deleting a gone resource succeeds). A pending update is re-read so
/// the state holds the real outputs; its old inputs stay, so the update is made again if needed.
/// </remarks>
internal static class PendingRecovery
{
    public static async Task RecoverAsync(DeploymentRun run, ICheckpointJournal journal, IReadOnlyList<PendingOperation> pending)
    {
        foreach (var op in pending)
        {
            var r = op.Resource;
            var provider = run.Settings.Providers.ResolveReference(r.Type, r.Provider);
            switch (op.Kind)
            {
                case PendingOperationKind.Creating:
                    await RecoverCreateAsync(run, journal, provider, r);
                    break;
                case PendingOperationKind.Deleting:
                    if (r.Id is not null)
                    {
                        await provider.DeleteAsync(new DeleteRequest(r.Urn, r.Type, r.Id, r.Inputs, r.Outputs), run.CancellationToken);
                    }

                    await journal.AppendAsync([JournalOp.End(r.Urn, op.Kind), JournalOp.Remove(r)], CancellationToken.None);
                    run.Info(r.Urn, "recovered an interrupted delete: completed it");
                    break;
                case PendingOperationKind.Updating:
                    var read = await provider.ReadAsync(new ReadRequest(r.Urn, r.Type, r.Id, r.Inputs, r.Outputs), run.CancellationToken);
                    await journal.AppendAsync(
                        read.Exists
                            ? [JournalOp.End(r.Urn, op.Kind), JournalOp.Put(r with { Id = read.Id, Outputs = StepEvents.SecureOutputs(read.Outputs, r.Inputs, r.AdditionalSecretOutputs) })]
                            : [JournalOp.End(r.Urn, op.Kind), JournalOp.Remove(r.Urn, false)],
                        CancellationToken.None);
                    run.Info(r.Urn, read.Exists ? "recovered an interrupted update: re-read the resource" : "recovered an interrupted update: the resource is gone and will be created again");
                    break;
                default:
                    await journal.AppendAsync([JournalOp.End(r.Urn, op.Kind)], CancellationToken.None);
                    break;
            }
        }
    }

    private static async Task RecoverCreateAsync(DeploymentRun run, ICheckpointJournal journal, IResourceProvider provider, ResourceState r)
    {
        var read = await provider.ReadAsync(new ReadRequest(r.Urn, r.Type, null, r.Inputs, r.Outputs), run.CancellationToken);
        var existing = journal.Draft.Find(r.Urn);
        if (!read.Exists || (existing is not null && existing.Id == read.Id))
        {
            await journal.AppendAsync([JournalOp.End(r.Urn, PendingOperationKind.Creating)], CancellationToken.None);
            run.Info(r.Urn, "recovered an interrupted create: nothing was made, it will be created again");
            return;
        }

        var adopted = r with { Id = read.Id, Outputs = StepEvents.SecureOutputs(read.Outputs, r.Inputs, r.AdditionalSecretOutputs) };
        var ops = new List<JournalOp> { JournalOp.End(r.Urn, PendingOperationKind.Creating) };
        if (existing is not null)
        {
            // The create was a replacement: the old copy now waits for deletion.
            ops.Add(JournalOp.Put(existing with { Delete = true }));
        }

        ops.Add(JournalOp.Put(adopted));
        await journal.AppendAsync(ops, CancellationToken.None);
        run.Info(r.Urn, $"recovered an interrupted create: adopted the resource the provider found (id {read.Id})");
    }
}
