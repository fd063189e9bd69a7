using System.Globalization;

namespace Kubedos.Providers.Local;

/// <summary>
/// A lab node's disks: sparse files in the node's state directory, each attached as a loop device, so what
/// converge does to a disk (wipe, repartition) happens to a real block device and to nothing else.
/// </summary>
internal sealed class LabDisks(ICommandRunner runner)
{
    /// <summary>The file backing disk <paramref name="name"/> of the node whose state is <paramref name="nodeState"/>.</summary>
    public static string FileOf(string nodeState, string name) => Path.Combine(nodeState, "disks", name + ".img");

    /// <summary>Makes the sparse file (kept when it exists: its data survives) and attaches it; returns the loop device.</summary>
    public async Task<string> AttachAsync(string file, long sizeBytes, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("lab disks are Linux loop devices");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        if (!File.Exists(file))
        {
            await runner.RunCheckedAsync(cancellationToken, "truncate", "-s", sizeBytes.ToString(CultureInfo.InvariantCulture), file);
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        if (await DeviceOfAsync(file, cancellationToken) is { } attached)
        {
            return attached;
        }

        var device = (await runner.RunCheckedAsync(cancellationToken, "losetup", "--find", "--show", file)).Stdout.Trim();
        if (!device.StartsWith("/dev/loop", StringComparison.Ordinal))
        {
            throw new LabCommandException($"losetup attached {file} as '{device}', not a loop device");
        }

        return device;
    }

    /// <summary>The loop device <paramref name="file"/> is attached to, or null.</summary>
    public async Task<string?> DeviceOfAsync(string file, CancellationToken cancellationToken) =>
        (await AttachedAsync(cancellationToken)).Where(a => a.File == file).Select(a => a.Device).Order(StringComparer.Ordinal).FirstOrDefault();

    /// <summary>Detaches every loop device backed by <paramref name="file"/> and deletes the file.</summary>
    public async Task RemoveAsync(string file, CancellationToken cancellationToken)
    {
        foreach (var (device, _) in (await AttachedAsync(cancellationToken)).Where(a => a.File == file))
        {
            await runner.RunCheckedAsync(cancellationToken, "losetup", "--detach", device);
        }

        File.Delete(file);
    }

    /// <summary>Detaches every loop device backed by a file under <paramref name="directory"/> (a node's state, before it goes).</summary>
    public async Task DetachUnderAsync(string directory, CancellationToken cancellationToken)
    {
        var prefix = directory.TrimEnd('/') + "/";
        foreach (var (device, _) in (await AttachedAsync(cancellationToken)).Where(a => a.File.StartsWith(prefix, StringComparison.Ordinal)))
        {
            await runner.RunCheckedAsync(cancellationToken, "losetup", "--detach", device);
        }
    }

    // `losetup --list --raw` escapes blanks as \x20; a backing file deleted while attached reads "PATH (deleted)".
    private async Task<IReadOnlyList<(string Device, string File)>> AttachedAsync(CancellationToken cancellationToken)
    {
        var listing = await runner.RunCheckedAsync(cancellationToken, "losetup", "--list", "--noheadings", "--raw", "--output", "NAME,BACK-FILE");
        var attached = new List<(string, string)>();
        foreach (var line in listing.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0)
            {
                continue;
            }

            var file = line[(space + 1)..].Replace("\\x20", " ", StringComparison.Ordinal);
            const string Deleted = " (deleted)";
            attached.Add((line[..space], file.EndsWith(Deleted, StringComparison.Ordinal) ? file[..^Deleted.Length] : file));
        }

        return attached;
    }
}
