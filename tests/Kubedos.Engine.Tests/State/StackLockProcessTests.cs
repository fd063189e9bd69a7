using Kubedos.Engine.State;

namespace Kubedos.Engine.Tests.State;

/// <summary>Lock contention between this test process and real second processes.</summary>
public sealed class StackLockProcessTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("kubedos-lock-proc-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Acquire_HeldByAnotherProcess_FailsAtOnceNamingIt()
    {
        var (probe, line) = StackLockProbeProcess.StartHolding(root, "demo", "dev", "up");
        using (probe)
        {
            var holder = StackLockProbeProcess.ParseInfo(line);

            var error = Assert.Throws<StackLockedException>(() => StackLock.Acquire(root, "demo", "dev", "up"));

            Assert.Equal(probe.Pid, holder.Pid);
            Assert.Equal(holder, error.Holder);
            Assert.Contains($"pid {probe.Pid}", error.Message, StringComparison.Ordinal);
            Assert.Equal(StackLockHolderState.Alive, StackLock.StateOf(holder));
            Assert.Equal(0, probe.Release());
        }

        using var mine = StackLock.Acquire(root, "demo", "dev", "up");
    }

    [Fact]
    public void Acquire_InAnotherProcessWhileHeldHere_ExitsLockedNamingThisProcess()
    {
        using var held = StackLock.Acquire(root, "demo", "dev", "destroy");

        var (exitCode, output) = StackLockProbeProcess.Try(root, "demo", "dev", "up");

        Assert.Equal(3, exitCode);
        Assert.Contains($"pid {Environment.ProcessId}", output, StringComparison.Ordinal);
        Assert.Contains("'destroy'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Acquire_TwoProcessesAtOnce_ExactlyOneHolds()
    {
        var (first, firstLine) = StackLockProbeProcess.StartHolding(root, "demo", "dev", "up");
        var (second, secondLine) = StackLockProbeProcess.StartHolding(root, "demo", "dev", "up");
        using (first)
        using (second)
        {
            var lines = new[] { firstLine, secondLine };
            Assert.Single(lines, l => l.StartsWith('{'));
            Assert.Single(lines, l => l.StartsWith("stack 'dev' is locked", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Break_HolderProcessKilled_BreaksStaleLockWithoutForce()
    {
        var (probe, line) = StackLockProbeProcess.StartHolding(root, "demo", "dev", "up");
        var holder = StackLockProbeProcess.ParseInfo(line);
        using (probe)
        {
            probe.Kill();
        }

        Assert.Throws<StackLockedException>(() => StackLock.Acquire(root, "demo", "dev", "up"));
        Assert.Equal(StackLockHolderState.Dead, StackLock.StateOf(holder));

        Assert.Equal(holder, StackLock.Break(root, "demo", "dev", force: false));

        using var mine = StackLock.Acquire(root, "demo", "dev", "up");
    }

    [Fact]
    public void Break_HolderProcessAlive_RefusesWithoutForceAndBreaksWithIt()
    {
        var (probe, line) = StackLockProbeProcess.StartHolding(root, "demo", "dev", "up");
        using (probe)
        {
            var holder = StackLockProbeProcess.ParseInfo(line);

            var error = Assert.Throws<StackLockedException>(() => StackLock.Break(root, "demo", "dev", force: false));
            Assert.Contains($"pid {probe.Pid}", error.Message, StringComparison.Ordinal);

            Assert.Equal(holder, StackLock.Break(root, "demo", "dev", force: true));
            using var mine = StackLock.Acquire(root, "demo", "dev", "up");

            // The broken holder's release must not remove the new holder's lock.
            Assert.Equal(0, probe.Release());
            Assert.Equal(mine.Info, StackLock.Read(root, "demo", "dev"));
        }
    }
}
