using Kubedos.Engine.Model;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Tests.State;

public sealed class FileCheckpointJournalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubedos-journal-").FullName;
    private readonly CheckpointJson _json = new(null);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ResourceState R(string name, params string[] deps) =>
        new(Urn.Create("dev", "p", string.Empty, "t:i:T", name), "t:i:T", Custom: true)
        {
            Id = name,
            Dependencies = [.. deps.Select(d => Urn.Create("dev", "p", string.Empty, "t:i:T", d))],
        };

    private FileCheckpointStore NewStore()
    {
        var store = new FileCheckpointStore(_dir, TimeProvider.System);
        if (!store.Exists("p", "dev"))
        {
            store.Create("p", "dev", _json);
        }

        return store;
    }

    [Fact]
    public async Task Replay_TornLastLine_IsIgnored()
    {
        var store = NewStore();
        var journal = store.OpenJournal("p", "dev", _json, store.Load("p", "dev", _json, compact: true));
        await journal.AppendAsync([JournalOp.Put(R("a"))], CancellationToken.None);
        await journal.DisposeAsync();
        await File.AppendAllTextAsync(store.JournalFile("p", "dev"), """{"seq":2,"ops":[{"op":"put","resource":{"urn":"urn:pul""");
        var loaded = NewStore().Load("p", "dev", _json, compact: true);
        Assert.Equal("a", loaded.Resources.Single().Urn.Name);
        Assert.False(File.Exists(store.JournalFile("p", "dev")));
    }

    [Fact]
    public async Task Replay_DamagedMiddleLine_FailsNamingFileAndLine()
    {
        var store = NewStore();
        var journal = store.OpenJournal("p", "dev", _json, store.Load("p", "dev", _json, compact: true));
        await journal.AppendAsync([JournalOp.Put(R("a"))], CancellationToken.None);
        await journal.DisposeAsync();
        var path = store.JournalFile("p", "dev");
        await File.WriteAllTextAsync(path, "garbage\n" + await File.ReadAllTextAsync(path));
        var ex = Assert.Throws<StateException>(() => NewStore().Load("p", "dev", _json, compact: false));
        Assert.Contains(path + ":1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_WritesOrderedSnapshotAndEmptiesJournal()
    {
        var store = NewStore();
        var journal = store.OpenJournal("p", "dev", _json, store.Load("p", "dev", _json, compact: true));
        await journal.AppendAsync([JournalOp.Put(R("b", "a"))], CancellationToken.None);
        await journal.AppendAsync([JournalOp.Put(R("a"))], CancellationToken.None);
        await journal.AppendAsync([JournalOp.Put(R("c")), JournalOp.Remove(R("c").Urn, false)], CancellationToken.None);
        var line = new FileInfo(store.JournalFile("p", "dev")).Length;
        var checkpoint = await journal.CompleteAsync(CancellationToken.None);
        await journal.DisposeAsync();
        Assert.Equal(["a", "b"], checkpoint.Resources.Select(r => r.Urn.Name).ToArray());
        Assert.False(File.Exists(store.JournalFile("p", "dev")));
        Assert.True(journal.BytesWritten > line);
        Assert.Equal(["a", "b"], NewStore().Load("p", "dev", _json, compact: false).Resources.Select(r => r.Urn.Name).ToArray());
    }

    [Fact]
    public async Task Append_CostIsPerChange_NotPerStateSize()
    {
        var store = NewStore();
        var basis = store.Load("p", "dev", _json, compact: true) with { Resources = [.. Enumerable.Range(0, 2000).Select(i => R($"r{i}"))] };
        store.WriteSnapshot("p", "dev", basis, _json);
        var journal = store.OpenJournal("p", "dev", _json, store.Load("p", "dev", _json, compact: true));
        await journal.AppendAsync([JournalOp.Put(R("r5") with { Id = "changed" })], CancellationToken.None);
        Assert.True(journal.BytesWritten < 1024, $"one change wrote {journal.BytesWritten} bytes");
        await journal.DisposeAsync();
    }

    [Fact]
    public async Task Complete_NothingAppended_LeavesStackFileAlone()
    {
        var store = NewStore();
        var path = store.StackFile("p", "dev");
        var before = File.GetLastWriteTimeUtc(path);
        File.SetLastWriteTimeUtc(path, before.AddHours(-1));
        var journal = store.OpenJournal("p", "dev", _json, store.Load("p", "dev", _json, compact: true));
        await journal.CompleteAsync(CancellationToken.None);
        await journal.DisposeAsync();
        Assert.Equal(0, journal.BytesWritten);
        Assert.Equal(before.AddHours(-1), File.GetLastWriteTimeUtc(path));
    }
}
