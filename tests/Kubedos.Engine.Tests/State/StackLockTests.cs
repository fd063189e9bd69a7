using System.Text.Json;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Tests.State;

public sealed class StackLockTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("kubedos-lock-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Acquire_Free_WritesHolderFile()
    {
        var now = new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);

        using var held = StackLock.Acquire(root, "demo", "dev", "up", new FixedTime(now));

        Assert.Equal(Path.Combine(root, "locks", "demo", "dev.json"), held.LockFile);
        var onDisk = JsonSerializer.Deserialize<StackLockInfo>(File.ReadAllText(held.LockFile))!;
        Assert.Equal(held.Info, onDisk);
        Assert.Equal(Environment.ProcessId, onDisk.Pid);
        Assert.Equal(Environment.MachineName, onDisk.Host);
        Assert.Equal(Environment.UserName, onDisk.User);
        Assert.Equal(now, onDisk.Time);
        Assert.Equal("up", onDisk.Operation);
        Assert.Equal(onDisk, StackLock.Read(root, "demo", "dev"));
    }

    [Fact]
    public void Acquire_HeldInThisProcess_ThrowsNamingHolder()
    {
        using var held = StackLock.Acquire(root, "demo", "dev", "up");

        var error = Assert.Throws<StackLockedException>(() => StackLock.Acquire(root, "demo", "dev", "destroy"));

        Assert.Equal(held.Info, error.Holder);
        Assert.Equal("dev", error.Stack);
        Assert.Equal(held.LockFile, error.LockFile);
        Assert.Contains($"pid {Environment.ProcessId}", error.Message, StringComparison.Ordinal);
        Assert.Contains("'up'", error.Message, StringComparison.Ordinal);
        Assert.Contains("kubedos stack unlock", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Acquire_OtherStack_IsIndependent()
    {
        using var dev = StackLock.Acquire(root, "demo", "dev", "up");
        using var prod = StackLock.Acquire(root, "demo", "prod", "up");

        Assert.NotEqual(dev.LockFile, prod.LockFile);
    }

    [Fact]
    public void Dispose_Held_ReleasesForTheNextAcquirer()
    {
        var first = StackLock.Acquire(root, "demo", "dev", "up");

        first.Dispose();
        first.Dispose();

        Assert.False(File.Exists(first.LockFile));
        using var second = StackLock.Acquire(root, "demo", "dev", "up");
        Assert.Null(StackLock.Read(root, "demo", "other"));
    }

    [Fact]
    public async Task Acquire_ManyRacers_ExactlyOneWins()
    {
        using var start = new Barrier(16);
        var attempts = Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            try
            {
                return StackLock.Acquire(root, "demo", "dev", "up");
            }
            catch (StackLockedException)
            {
                return null;
            }
        }));

        var results = await Task.WhenAll(attempts);

        var winners = results.Where(r => r is not null).ToArray();
        Assert.Single(winners);
        winners[0]!.Dispose();
    }

    [Fact]
    public void Dispose_AfterForcedBreakAndRetake_LeavesTheNewHoldersLock()
    {
        var stale = StackLock.Acquire(root, "demo", "dev", "up");
        StackLock.Break(root, "demo", "dev", force: true);
        using var current = StackLock.Acquire(root, "demo", "dev", "refresh");

        stale.Dispose();

        Assert.Equal(current.Info, StackLock.Read(root, "demo", "dev"));
    }

    [Fact]
    public void Break_NoLock_ReturnsNull()
    {
        Assert.Null(StackLock.Break(root, "demo", "dev", force: false));
    }

    [Fact]
    public void Break_LiveHolderInThisProcess_RefusesWithoutForce()
    {
        using var held = StackLock.Acquire(root, "demo", "dev", "up");

        var error = Assert.Throws<StackLockedException>(() => StackLock.Break(root, "demo", "dev", force: false));

        Assert.Contains("live process", error.Message, StringComparison.Ordinal);
        Assert.Contains("--force", error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(held.LockFile));
        Assert.Equal(held.Info, StackLock.Break(root, "demo", "dev", force: true));
        Assert.False(File.Exists(held.LockFile));
    }

    [Fact]
    public void Break_HolderOnAnotherHost_RefusesWithoutForce()
    {
        var foreign = new StackLockInfo("x", 1, "elsewhere.example", "bob", DateTimeOffset.UtcNow, "up");
        WriteLockFile(foreign);

        var error = Assert.Throws<StackLockedException>(() => StackLock.Break(root, "demo", "dev", force: false));

        Assert.Contains("another host", error.Message, StringComparison.Ordinal);
        Assert.Equal(foreign, error.Holder);
        Assert.Equal(StackLockHolderState.OtherHost, StackLock.StateOf(foreign));
        Assert.Equal(foreign, StackLock.Break(root, "demo", "dev", force: true));
    }

    [Fact]
    public void Break_UnreadableLockFile_RefusesWithoutForce()
    {
        var path = StackLock.PathFor(root, "demo", "dev");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{ torn");

        var locked = Assert.Throws<StackLockedException>(() => StackLock.Acquire(root, "demo", "dev", "up"));
        Assert.Null(locked.Holder);
        Assert.Contains("cannot be read", locked.Message, StringComparison.Ordinal);
        Assert.Throws<StackLockedException>(() => StackLock.Break(root, "demo", "dev", force: false));

        StackLock.Break(root, "demo", "dev", force: true);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void AcquireBreakingStale_DeadHolder_BreaksItAndTakesTheLock()
    {
        // A lock left by a killed run: this host, a pid that no longer names the holder.
        var stale = new StackLockInfo("stale", Environment.ProcessId, Environment.MachineName, "me", new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), "up");
        var path = StackLock.PathFor(root, "demo", "dev");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(stale));

        using var held = StackLock.AcquireBreakingStale(root, "demo", "dev", "up", null, out var broken);

        Assert.Equal(stale, broken);
        Assert.Equal(held.Info, StackLock.Read(root, "demo", "dev"));
    }

    [Fact]
    public void AcquireBreakingStale_LiveHolder_StillFails()
    {
        using var live = StackLock.Acquire(root, "demo", "dev", "up");

        var error = Assert.Throws<StackLockedException>(() => StackLock.AcquireBreakingStale(root, "demo", "dev", "destroy", null, out _));

        Assert.Equal(live.Info, error.Holder);
        Assert.Equal(live.Info, StackLock.Read(root, "demo", "dev"));
    }

    [Fact]
    public void StateOf_ThisProcess_Alive()
    {
        var info = new StackLockInfo("x", Environment.ProcessId, Environment.MachineName, "me", DateTimeOffset.UtcNow, "up");

        Assert.Equal(StackLockHolderState.Alive, StackLock.StateOf(info));
    }

    [Fact]
    public void StateOf_PidReusedByALaterProcess_Dead()
    {
        // This process started long after the lock "was taken", so the pid no longer names the holder.
        var info = new StackLockInfo("x", Environment.ProcessId, Environment.MachineName, "me", new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), "up");

        Assert.Equal(StackLockHolderState.Dead, StackLock.StateOf(info));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("")]
    public void PathFor_UnsafeStackName_Throws(string stack)
    {
        Assert.ThrowsAny<ArgumentException>(() => StackLock.PathFor(root, "demo", stack));
    }

    private void WriteLockFile(StackLockInfo info)
    {
        var path = StackLock.PathFor(root, "demo", "dev");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(info));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
