using System.Globalization;
using System.Text;
using Kubedos.Image.Lock;
using Kubedos.Image.Tools;

namespace Kubedos.Image.Build;

/// <summary>
/// Writes the root filesystem as an ext4 file system (<c>mke2fs -d</c>, nothing mounted) and converts it to qcow2,
/// reproducibly: the UUID and directory hash seed derive from the lock, the superblock times come from
/// E2FSPROGS_FAKE_TIME, and every inode's atime and ctime (which extraction and reading set to now) are reset to the
/// lock's epoch with debugfs.
/// </summary>
internal static class DiskImageWriter
{
    /// <summary>Unpacks the rootfs tarball as root, owners, modes and extended attributes kept: what the disk and ISO are made from.</summary>
    public static async Task<string> ExtractAsync(string tarball, string workDirectory, CancellationToken cancellationToken)
    {
        var tree = Path.Combine(workDirectory, "tree");
        Directory.CreateDirectory(tree);
        await ToolRun.RunAsync("disk", ["/usr/bin/tar", "--extract", "--file", tarball, "--directory", tree, "--same-owner", "--preserve-permissions", "--xattrs", "--xattrs-include=*", "--numeric-owner"], null, cancellationToken);
        return tree;
    }

    public static async Task WriteAsync(ImageLock imageLock, string tree, string workDirectory, string rawImage, string qcow2, CancellationToken cancellationToken)
    {
        var epoch = imageLock.SourceDateEpoch.ToString(CultureInfo.InvariantCulture);
        var fake = new Dictionary<string, string> { ["E2FSPROGS_FAKE_TIME"] = epoch, ["SOURCE_DATE_EPOCH"] = epoch };

        // Size: the tree plus a third for metadata and first-boot writes, rounded up to 64 MiB.
        var treeBytes = Directory.EnumerateFiles(tree, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Sum(f => new FileInfo(f).Length);
        var size = ((treeBytes * 4 / 3) / (64L << 20) + 2) * (64L << 20);
        await using (var image = File.Create(rawImage))
        {
            image.SetLength(size);
        }

        var seed = imageLock.Snapshot.InReleaseSha256;
        await ToolRun.RunAsync(
            "disk",
            ["/usr/sbin/mke2fs", "-q", "-F", "-t", "ext4", "-L", "kubedos-root", "-U", Uuid(seed, 0), "-E", $"hash_seed={Uuid(seed, 1)},root_owner=0:0", "-d", tree, rawImage],
            fake,
            cancellationToken);

        var commands = Path.Combine(workDirectory, "times.debugfs");
        await File.WriteAllTextAsync(commands, TimeCommands(tree, imageLock.Snapshot.Date), cancellationToken);
        await ToolRun.RunAsync("disk", ["/usr/sbin/debugfs", "-w", "-f", commands, rawImage], fake, cancellationToken);
        await ToolRun.RunAsync("disk", ["/usr/sbin/e2fsck", "-f", "-n", rawImage], fake, cancellationToken);

        var disk = Path.Combine(workDirectory, "disk.raw");
        await PartitionAsync(seed, rawImage, disk, cancellationToken);
        await ToolRun.RunAsync("disk", ["/usr/bin/qemu-img", "convert", "-f", "raw", "-O", "qcow2", disk, qcow2], null, cancellationToken);
        await ToolRun.RunAsync("disk", ["/usr/bin/qemu-img", "check", qcow2], null, cancellationToken);
        File.Delete(disk);
    }

    /// <summary>
    /// The whole disk: GPT with a 1 MiB BIOS boot partition holding GRUB's core image and the root partition holding
    /// the file system, BIOS-bootable (SeaBIOS, Proxmox's default firmware). Partition UUIDs derive from the lock.
    /// </summary>
    private static async Task PartitionAsync(string seed, string fileSystem, string disk, CancellationToken cancellationToken)
    {
        const long biosStart = 2048;
        const long biosSectors = 2048;
        const long rootStart = biosStart + biosSectors;
        var rootSectors = new FileInfo(fileSystem).Length / 512;
        await using (var image = File.Create(disk))
        {
            // The backup GPT needs 33 sectors after the last partition.
            image.SetLength((rootStart + rootSectors + 2048) * 512);
        }

        var layout = string.Join('\n',
            "label: gpt",
            $"label-id: {Uuid(seed, 1, variant: 2)}",
            "unit: sectors",
            $"start={biosStart}, size={biosSectors}, type=21686148-6449-6E6F-744E-656564454649, uuid={Uuid(seed, 0, variant: 2)}, name=\"bios\"",
            $"start={rootStart}, size={rootSectors}, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, uuid={Uuid(seed, 1, variant: 3)}, name=\"root\"",
            string.Empty);
        var script = Path.Combine(Path.GetDirectoryName(disk)!, "layout.sfdisk");
        await File.WriteAllTextAsync(script, layout, cancellationToken);
        await ToolRun.RunAsync("disk", ["/bin/sh", "-c", "exec /usr/sbin/sfdisk --quiet --no-reread --no-tell-kernel \"$0\" < \"$1\"", disk, script], null, cancellationToken);

        await CopySparseAsync(fileSystem, disk, rootStart * 512, cancellationToken);

        File.Delete(fileSystem);
        var early = Path.Combine(Path.GetDirectoryName(disk)!, "early.cfg");
        await File.WriteAllTextAsync(
            early,
            $"search --no-floppy --label {BootFiles.RootLabel} --set root\nset prefix=($root)/boot/grub\nconfigfile ($root)/boot/grub/grub.cfg\n",
            cancellationToken);
        var core = Path.Combine(Path.GetDirectoryName(disk)!, "core.img");
        await ToolRun.RunAsync(
            "disk",
            ["/usr/bin/grub-mkimage", "-O", "i386-pc", "-o", core, "-c", early, "-p", "/boot/grub", "biosdisk", "part_gpt", "ext2", "search", "search_label", "normal", "linux", "configfile", "serial", "terminal", "echo", "test"],
            null,
            cancellationToken);
        BiosBootRecord.Install(disk, await File.ReadAllBytesAsync("/usr/lib/grub/i386-pc/boot.img", cancellationToken), await File.ReadAllBytesAsync(core, cancellationToken), biosStart, biosSectors);
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="target"/> at <paramref name="offset"/>, seeking over all-zero MiBs so the disk stays sparse.</summary>
    private static async Task CopySparseAsync(string source, string target, long offset, CancellationToken cancellationToken)
    {
        if (Path.GetFullPath(source) == Path.GetFullPath(target))
        {
            throw new ArgumentException("a file cannot be copied into itself", nameof(target));
        }

        await using var output = new FileStream(target, FileMode.Open, FileAccess.Write);
        await using var input = File.OpenRead(source);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = await input.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken)) > 0)
        {
            if (buffer.AsSpan(0, read).ContainsAnyExcept((byte)0))
            {
                output.Position = offset;
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            offset += read;
        }
    }

    /// <summary>A version-4-shaped UUID made from the lock's digest, so the same lock gives the same file system identity.</summary>
    internal static string Uuid(string sha256Hex, int which, int variant = 0)
    {
        var hex = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{sha256Hex}/{which}/{variant}")))[..32].ToCharArray();
        hex[12] = '4';
        hex[16] = "89ab"[Convert.ToInt32(hex[16].ToString(), 16) & 3];
        var s = new string(hex);
        return $"{s[..8]}-{s[8..12]}-{s[12..16]}-{s[16..20]}-{s[20..]}";
    }

    private static string TimeCommands(string tree, DateTimeOffset date)
    {
        var stamp = date.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var builder = new StringBuilder();
        foreach (var path in Enumerable.Repeat("/", 1).Concat(
            Directory.EnumerateFileSystemEntries(tree, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                .Select(p => "/" + Path.GetRelativePath(tree, p)).Order(StringComparer.Ordinal)))
        {
            if (path.Contains('\n', StringComparison.Ordinal) || path.Contains('"', StringComparison.Ordinal))
            {
                throw new ImageBuildException("disk", $"path {path.Replace("\n", "\\n", StringComparison.Ordinal)} cannot be stamped (a newline or quote in a file name)");
            }

            builder.Append("sif \"").Append(path).Append("\" ctime ").Append(stamp).Append('\n');
            builder.Append("sif \"").Append(path).Append("\" atime ").Append(stamp).Append('\n');
        }

        return builder.ToString();
    }
}
