using System.Collections.Immutable;
using Kubedos.Engine.Model;
using Kubedos.Engine.State;
using Kubedos.Engine.Tests.Backends;

namespace Kubedos.Engine.Tests.State;

/// <summary>What every checkpoint store does, the same test bodies on each backend: journal replay, compaction, integrity on load, names, history.</summary>
public sealed class CheckpointStoreContractTests
{
    private static readonly CheckpointJson Json = new(null);

    private static Urn U(string name) => Urn.Create("dev", "p", string.Empty, "t:i:T", name);

    private static ResourceState R(string name, string? parent = null) =>
        new(U(name), "t:i:T", Custom: true) { Id = name, Parent = parent is null ? null : U(parent) };

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task Journal_AppendedWithoutComplete_IsReplayedOnLoad_AndCompactedAway(string backend)
    {
        using var t = new StoreUnderTest(backend);
        var store = t.Store;
        store.Create("p", "dev", Json);
        var journal = store.OpenJournal("p", "dev", Json, store.Load("p", "dev", Json, compact: true));
        await journal.AppendAsync([JournalOp.Put(R("a"))], CancellationToken.None);
        await journal.AppendAsync([JournalOp.Begin(R("b"), PendingOperationKind.Creating)], CancellationToken.None);
        await journal.DisposeAsync();

        // As if the process died here: the snapshot was never rewritten.
        var loaded = store.Load("p", "dev", Json, compact: true);
        Assert.Equal("a", loaded.Resources.Single().Urn.Name);
        Assert.Equal("b", loaded.PendingOperations.Single().Resource.Urn.Name);
        Assert.Equal(["a"], store.Load("p", "dev", Json, compact: false).Resources.Select(r => r.Urn.Name));
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task Journal_Completed_PublishesTheCheckpoint(string backend)
    {
        using var t = new StoreUnderTest(backend);
        var store = t.Store;
        store.Create("p", "dev", Json);
        var journal = store.OpenJournal("p", "dev", Json, store.Load("p", "dev", Json, compact: true));
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => journal.AppendAsync([JournalOp.Put(R($"r{i}"))], CancellationToken.None)));
        var completed = await journal.CompleteAsync(CancellationToken.None);
        await journal.DisposeAsync();

        Assert.Equal(20, completed.Resources.Count);
        Assert.Equal(20, store.Load("p", "dev", Json, compact: false).Resources.Count);
        Assert.True(journal.BytesWritten > 0);
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public void Load_ParentCycle_FailsNamingTheUrnAndWhere_ButLoadsUnverified(string backend)
    {
        using var t = new StoreUnderTest(backend);
        var store = t.Store;
        store.Create("p", "dev", Json);
        store.Save("p", "dev", Of(R("a", "b"), R("b", "a")), Json);

        var e = Assert.Throws<CheckpointIntegrityException>(() => store.Load("p", "dev", Json, compact: false));

        Assert.Contains(store.Location, e.Message, StringComparison.Ordinal);
        Assert.Contains("parent-cycle", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, store.LoadUnverified("p", "dev", Json).Resources.Count);
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task Load_CompactingDamagedState_RefusesBeforeRewritingAnything(string backend)
    {
        using var t = new StoreUnderTest(backend);
        var store = t.Store;
        store.Create("p", "dev", Json);
        var journal = store.OpenJournal("p", "dev", Json, store.LoadUnverified("p", "dev", Json));
        await journal.AppendAsync([JournalOp.Put(R("a", "a"))], CancellationToken.None);
        await journal.DisposeAsync();

        Assert.Throws<CheckpointIntegrityException>(() => store.Load("p", "dev", Json, compact: true));

        // The journal is still there, unfolded: the damage can be exported, fixed and imported.
        Assert.Equal("a", store.LoadUnverified("p", "dev", Json).Resources.Single().Urn.Name);
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public void Create_ConcurrentlyOfOneName_ExactlyOneSucceeds_AndBadNamesAreRefused(string backend)
    {
        using var t = new StoreUnderTest(backend);
        var store = t.Store;
        var outcomes = Enumerable.Range(0, 8).AsParallel().Select(_ =>
        {
            try
            {
                store.Create("p", "dev", Json);
                return true;
            }
            catch (StateException)
            {
                return false;
            }
        }).ToList();

        Assert.Single(outcomes, created => created);
        Assert.Throws<StateException>(() => store.Create("p", "bad/name", Json));
        Assert.Equal(["dev"], store.List("p"));
        Assert.Empty(store.List("q"));
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public void RenameAndRemove_MoveAndForgetStateAndHistory(string backend)
    {
        using var t = new StoreUnderTest(backend);
        var store = t.Store;
        store.Create("p", "dev", Json);
        store.AppendHistory("p", "dev", new UpdateRecord(UpdateKind.Update, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(1), true,
            ImmutableSortedDictionary<string, int>.Empty.Add("create", 1), []));

        store.Rename("p", "dev", "prod", Of(R("a")), Json);

        Assert.False(store.Exists("p", "dev"));
        Assert.Equal(["prod"], store.List("p"));
        Assert.Equal(1, store.History("p", "prod").Single().ResourceChanges["create"]);
        Assert.Empty(store.History("p", "dev"));
        store.Create("p", "other", Json);
        Assert.Throws<StateException>(() => store.Rename("p", "prod", "other", Of(), Json));

        store.Remove("p", "prod");
        Assert.Equal(["other"], store.List("p"));
        Assert.Empty(store.History("p", "prod"));
        Assert.Throws<StateException>(() => store.Load("p", "prod", Json, compact: false));
    }

    private static Checkpoint Of(params ResourceState[] resources) =>
        Checkpoint.Empty(DateTimeOffset.UnixEpoch) with { Resources = [.. resources] };
}
