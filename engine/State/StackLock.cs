using System.Diagnostics;
using System.Text.Json;

namespace Kubedos.Engine.State;

/// <summary>A held stack lock: the file <c>&lt;backend root&gt;/locks/&lt;project&gt;/&lt;stack&gt;.json</c>, released on dispose.</summary>
/// <remarks>
/// Taking the lock is one create-exclusive open (<see cref="FileMode.CreateNew"/>), so of two
/// processes racing for it exactly one wins and the other fails at once, naming the holder.
/// (Pulumi's DIY backend lists, writes, and lists again, which is not atomic.)
/// A stale lock is never broken implicitly: <see cref="Break"/> is the explicit
/// <c>kubedos stack unlock</c>, and it refuses a live holder unless forced.
/// </remarks>
public sealed class StackLock : IStackLock
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    // Between another process's create and its write the file is briefly empty.
    private static readonly TimeSpan ReadPatience = TimeSpan.FromMilliseconds(500);

    private int released;

    private StackLock(string stack, string lockFile, StackLockInfo info)
    {
        Stack = stack;
        LockFile = lockFile;
        Info = info;
    }

    /// <summary>The locked stack.</summary>
    public string Stack { get; }

    /// <summary>The lock file.</summary>
    public string LockFile { get; }

    /// <summary>What the lock file says about this holder.</summary>
    public StackLockInfo Info { get; }

    /// <summary>The lock file of <paramref name="stack"/> of <paramref name="project"/> under <paramref name="backendRoot"/> (e.g. <c>.kubedos</c>).</summary>
    public static string PathFor(string backendRoot, string project, string stack)
    {
        ArgumentException.ThrowIfNullOrEmpty(backendRoot);
        CheckName(project, nameof(project));
        CheckName(stack, nameof(stack));
        return Path.Combine(backendRoot, "locks", project, stack + ".json");
    }

    /// <summary>Takes the lock for <paramref name="operation"/>, or fails at once.</summary>
    /// <param name="backendRoot">The file backend's root directory.</param>
    /// <param name="project">The project name.</param>
    /// <param name="stack">The stack name.</param>
    /// <param name="operation">What the lock is for (<c>up</c>, <c>destroy</c>, ...); shown to whoever finds it taken.</param>
    /// <param name="time">The clock for the lock's timestamp; the system clock when null.</param>
    /// <exception cref="StackLockedException">Someone holds the lock; carries who.</exception>
    public static StackLock Acquire(string backendRoot, string project, string stack, string operation, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        var path = PathFor(backendRoot, project, stack);
        RefuseDirectory(stack, path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var info = StackLockInfo.ForThisProcess(operation, time);

        if (!TryCreate(path, info))
        {
            var holder = ReadPatiently(path);
            throw new StackLockedException(stack, path, holder, LockedMessage(stack, path, holder));
        }

        return new StackLock(stack, path, info);
    }

    /// <summary>
    /// Takes the lock like <see cref="Acquire"/>, but first breaks a lock whose holder is dead on this
    /// host (a killed <c>up</c>), so the next run resumes without a manual <c>stack unlock</c>.
    /// </summary>
    /// <param name="backendRoot">The file backend's root directory.</param>
    /// <param name="project">The project name.</param>
    /// <param name="stack">The stack name.</param>
    /// <param name="operation">What the lock is for.</param>
    /// <param name="time">The clock for the lock's timestamp.</param>
    /// <param name="broken">The dead holder whose lock was broken, or null.</param>
    /// <exception cref="StackLockedException">A live holder, one on another host, or an unreadable lock.</exception>
    public static StackLock AcquireBreakingStale(string backendRoot, string project, string stack, string operation, TimeProvider? time, out StackLockInfo? broken)
    {
        broken = null;
        try
        {
            return Acquire(backendRoot, project, stack, operation, time);
        }
        catch (StackLockedException locked) when (locked.Holder is { } holder && StateOf(holder) == StackLockHolderState.Dead)
        {
            // Break refuses anything but a dead holder and puts back a lock taken meanwhile.
            broken = Break(backendRoot, project, stack, force: false);
            return Acquire(backendRoot, project, stack, operation, time);
        }
    }

    /// <summary>The current holder of the stack's lock, or null when it is free (or its file is unreadable).</summary>
    public static StackLockInfo? Read(string backendRoot, string project, string stack) =>
        ReadPatiently(PathFor(backendRoot, project, stack));

    /// <summary>Breaks the stack's lock (<c>kubedos stack unlock</c>); returns the holder it removed, or null when there was no lock.</summary>
    /// <param name="backendRoot">The file backend's root directory.</param>
    /// <param name="project">The project name.</param>
    /// <param name="stack">The stack name.</param>
    /// <param name="force">Break even a live lock, one held from another host, or an unreadable one.</param>
    /// <exception cref="StackLockedException">Without <paramref name="force"/>: the holder is alive, elsewhere, or unknown.</exception>
    public static StackLockInfo? Break(string backendRoot, string project, string stack, bool force)
    {
        var path = PathFor(backendRoot, project, stack);
        RefuseDirectory(stack, path);
        if (!File.Exists(path))
        {
            return null;
        }

        var holder = ReadPatiently(path);
        if (!force)
        {
            var refusal = holder is null
                ? "its lock file cannot be read, so its holder is unknown"
                : StateOf(holder) switch
                {
                    StackLockHolderState.Alive => $"it is held by a live process: {holder}",
                    StackLockHolderState.OtherHost => $"it is held from another host, where its process cannot be checked: {holder}",
                    _ => null,
                };
            if (refusal is not null)
            {
                throw new StackLockedException(stack, path, holder, $"refusing to unlock stack '{stack}': {refusal}; stop that process, or break the lock with --force if you know it is gone ({path})");
            }
        }

        // Move the file aside before deleting, so a lock taken again since we read it is put back, not lost.
        var aside = $"{path}.{Guid.NewGuid():N}.broken";
        try
        {
            File.Move(path, aside);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        var moved = TryRead(aside);
        if (holder is not null && moved is not null && moved.Id != holder.Id)
        {
            try
            {
                File.Move(aside, path, overwrite: false);
            }
            catch (IOException)
            {
                File.Delete(aside);
            }

            throw new StackLockedException(stack, path, moved, LockedMessage(stack, path, moved));
        }

        File.Delete(aside);
        return holder ?? moved;
    }

    /// <summary>Whether <paramref name="holder"/>'s process still runs, judged from this host.</summary>
    public static StackLockHolderState StateOf(StackLockInfo holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        if (!string.Equals(holder.Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase))
        {
            return StackLockHolderState.OtherHost;
        }

        try
        {
            using var process = Process.GetProcessById(holder.Pid);
            if (process.HasExited || IsZombie(holder.Pid))
            {
                return StackLockHolderState.Dead;
            }

            // A process started after the lock was taken reuses the holder's pid; the holder is gone.
            return process.StartTime.ToUniversalTime() > holder.Time.UtcDateTime + TimeSpan.FromSeconds(2)
                ? StackLockHolderState.Dead
                : StackLockHolderState.Alive;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return StackLockHolderState.Dead;
        }
    }

    /// <summary>Releases the lock, unless it was broken and taken by someone else meanwhile.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) == 1)
        {
            return;
        }

        if (TryRead(LockFile)?.Id == Info.Id)
        {
            File.Delete(LockFile);
        }
    }

    // Something else at the lock's path is neither a lock nor its absence: saying "not locked" or failing inside the file API would both be untrue.
    private static void RefuseDirectory(string stack, string path)
    {
        if (Directory.Exists(path))
        {
            throw new StateException($"the lock of stack '{stack}' at {path} is a directory, not a lock file: remove it (`rmdir {path}`) once no kubedos operation runs on the stack");
        }
    }

    private static bool TryCreate(string path, StackLockInfo info)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(info, JsonOptions);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }

        try
        {
            using (stream)
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            // Without this a power cut could lose the lock file while the operation it guards went on.
            DurableFileSystem.Instance.FsyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        }
        catch
        {
            // A lock file we could not finish writing would block the stack with no holder to show.
            File.Delete(path);
            throw;
        }

        return true;
    }

    private static StackLockInfo? ReadPatiently(string path)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (!File.Exists(path))
            {
                return null;
            }

            if (TryRead(path) is { } info)
            {
                return info;
            }

            if (deadline.Elapsed > ReadPatience)
            {
                return null;
            }

            Thread.Sleep(10);
        }
    }

    private static StackLockInfo? TryRead(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<StackLockInfo>(File.ReadAllBytes(path), JsonOptions);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsZombie(int pid)
    {
        // A killed child its parent has not reaped yet still has a pid, but will never release the lock.
        var stat = $"/proc/{pid}/stat";
        if (!OperatingSystem.IsLinux() || !File.Exists(stat))
        {
            return false;
        }

        try
        {
            var text = File.ReadAllText(stat);
            var afterName = text.LastIndexOf(')');
            return afterName > 0 && afterName + 2 < text.Length && text[afterName + 2] is 'Z' or 'X';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string LockedMessage(string stack, string path, StackLockInfo? holder) =>
        holder is null
            ? $"stack '{stack}' is locked (the lock file {path} cannot be read); if no kubedos runs on it, run `kubedos stack unlock --force`"
            : $"stack '{stack}' is locked: {holder}; if that process is gone, run `kubedos stack unlock` ({path})";

    private static void CheckName(string name, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(name, what);
        if (name is "." or ".." || name.IndexOfAny(['/', '\\', '\0']) >= 0)
        {
            throw new ArgumentException($"'{name}' is not a valid {what} name for a lock file", what);
        }
    }
}
