using System.Collections.Immutable;
using Kubedos.Engine.Model;
using Kubedos.Engine.State;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.State;

/// <summary>Every rename that publishes state is made durable (its directory fsync'd) before anything that depends on it.</summary>
public sealed class DurablePublishTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubedos-durable-").FullName;
    private readonly CheckpointJson _json = new(null);
    private readonly RecordingFileSystem _files = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ResourceState R(string name) =>
        new(Urn.Create("dev", "p", string.Empty, "t:i:T", name), "t:i:T", Custom: true) { Id = name };

    private FileCheckpointStore NewStore()
    {
        var store = new FileCheckpointStore(_dir, TimeProvider.System, _files);
        store.Create("p", "dev", _json);
        _files.Clear();
        return store;
    }

    [Fact]
    public async Task CompleteAsync_PublishesTheSnapshotDurably_BeforeTruncatingTheJournal()
    {
        var store = NewStore();
        var journal = store.OpenJournal("p", "dev", _json, store.Load("p", "dev", _json, compact: false));
        await journal.AppendAsync([JournalOp.Put(R("a"))], CancellationToken.None);
        _files.Clear();

        await journal.CompleteAsync(CancellationToken.None);
        await journal.DisposeAsync();

        Assert.Equal(
            ["write tmp(dev.json)", "fsync-file tmp(dev.json)", "rename tmp(dev.json) dev.json", "fsync-dir p", "truncate dev.journal", "delete dev.journal"],
            _files.Operations);
        Assert.Equal("a", store.Load("p", "dev", _json, compact: false).Resources.Single().Urn.Name);
    }

    [Fact]
    public async Task OpenJournal_NewJournalFile_FsyncsItsDirectory()
    {
        var store = NewStore();

        var journal = store.OpenJournal("p", "dev", _json, store.Load("p", "dev", _json, compact: false));
        await journal.DisposeAsync();

        Assert.Equal("fsync-dir p", _files.Operations[0]);
    }

    [Fact]
    public async Task Load_Compacting_PublishesTheSnapshotDurably_BeforeDeletingTheJournal()
    {
        var store = NewStore();
        var journal = store.OpenJournal("p", "dev", _json, store.Load("p", "dev", _json, compact: false));
        await journal.AppendAsync([JournalOp.Put(R("a"))], CancellationToken.None);
        await journal.DisposeAsync();
        _files.Clear();

        store.Load("p", "dev", _json, compact: true);

        Assert.Equal(
            ["write tmp(dev.json)", "fsync-file tmp(dev.json)", "rename tmp(dev.json) dev.json", "fsync-dir p", "delete dev.journal"],
            _files.Operations);
    }

    [Fact]
    public async Task ReplaceSnapshot_DropsTheOldJournalDurably_BeforePublishing()
    {
        var store = NewStore();
        var journal = store.OpenJournal("p", "dev", _json, store.Load("p", "dev", _json, compact: false));
        await journal.AppendAsync([JournalOp.Put(R("stale"))], CancellationToken.None);
        await journal.DisposeAsync();
        _files.Clear();

        store.Save("p", "dev", Checkpoint.Empty(DateTimeOffset.UnixEpoch) with { Resources = [R("imported")] }, _json);

        Assert.Equal(
            ["delete dev.journal", "fsync-dir p", "write tmp(dev.json)", "fsync-file tmp(dev.json)", "rename tmp(dev.json) dev.json", "fsync-dir p"],
            _files.Operations);
        Assert.Equal("imported", store.Load("p", "dev", _json, compact: false).Resources.Single().Urn.Name);
    }

    [Fact]
    public void Create_PublishesExclusivelyAndDurably()
    {
        var store = new FileCheckpointStore(_dir, TimeProvider.System, _files);

        store.Create("p", "dev", _json);

        Assert.Equal(["write tmp(dev.json)", "fsync-file tmp(dev.json)", "rename tmp(dev.json) dev.json", "fsync-dir p"], _files.Operations);
    }

    [Fact]
    public void AppendHistory_PublishesDurably()
    {
        var store = NewStore();

        store.AppendHistory("p", "dev", new UpdateRecord(UpdateKind.Update, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, true, ImmutableSortedDictionary<string, int>.Empty, []));

        Assert.Equal(4, _files.Operations.Count);
        Assert.StartsWith("rename tmp(dev-", _files.Operations[2], StringComparison.Ordinal);
        Assert.Equal("fsync-dir dev", _files.Operations[3]);
    }

    [Fact]
    public void CreateExclusively_ExistingFile_LeavesItAndNoTempFile()
    {
        var path = Path.Combine(_dir, "x.json");
        File.WriteAllText(path, "first");

        Assert.False(_files.CreateExclusively(path, "second"u8));

        Assert.Equal("first", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_dir));
    }

    [Fact]
    public void FsyncDirectory_RealDirectory_Succeeds_MissingOneIsAnIOError()
    {
        DurableFileSystem.Instance.FsyncDirectory(_dir);

        var missing = Path.Combine(_dir, "missing");
        var e = Assert.Throws<IOException>(() => DurableFileSystem.Instance.FsyncDirectory(missing));

        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
    }
}
