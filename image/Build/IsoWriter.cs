using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;
using Kubedos.Image.Tools;

namespace Kubedos.Image.Build;

/// <summary>
/// The bare-metal target: a hybrid ISO that boots on BIOS and UEFI machines (<c>grub-mkrescue</c>) into the image as a
/// live system (live-boot in the image's initramfs mounts <c>/live/filesystem.squashfs</c> with a RAM overlay), with
/// cloud-init reading its NoCloud seed from a <c>CIDATA</c> volume beside it, as on every other target. Reproducible:
/// the squashfs and every ISO date come from the lock's epoch, and the one thing grub-mkrescue leaves random (the EFI
/// image's FAT volume serial) is set from the lock.
/// </summary>
internal static partial class IsoWriter
{
    /// <summary>The live kernel command line: the same console and timer settings as the disk image.</summary>
    public const string KernelCommandLine = "boot=live components console=tty0 console=ttyS0,115200n8 no_timer_check net.ifnames=0";

    /// <summary>GRUB's menu on the ISO: the live kernel, output on the serial console too.</summary>
    public static string LiveMenu { get; } =
        "# Kube'd'OS live: the image with a RAM overlay; cloud-init reads its seed from a CIDATA volume.\n" +
        "serial --unit=0 --speed=115200\nterminal_input serial console\nterminal_output serial console\nset timeout=1\n" +
        $"menuentry \"Kube'd'OS (live)\" {{\n  linux /live/vmlinuz {KernelCommandLine}\n  initrd /live/initrd.img\n}}\n";

    public static async Task WriteAsync(string tree, string epoch, string seed, string workDirectory, string iso, CancellationToken cancellationToken)
    {
        var medium = Path.Combine(workDirectory, "medium");
        var live = Path.Combine(medium, "live");
        Directory.CreateDirectory(live);
        Directory.CreateDirectory(Path.Combine(medium, "boot", "grub"));
        File.Copy(ResolveInTree(tree, "/vmlinuz"), Path.Combine(live, "vmlinuz"));
        File.Copy(ResolveInTree(tree, "/initrd.img"), Path.Combine(live, "initrd.img"));
        await File.WriteAllTextAsync(Path.Combine(medium, "boot", "grub", "grub.cfg"), LiveMenu, cancellationToken);

        await ToolRun.RunAsync(
            "iso",
            ["/usr/bin/mksquashfs", tree, Path.Combine(live, "filesystem.squashfs"), "-noappend", "-no-progress", "-quiet", "-comp", "zstd", "-Xcompression-level", "3", "-reproducible", "-mkfs-time", epoch, "-all-time", epoch],
            null,
            cancellationToken);
        var stamp = DateTimeOffset.FromUnixTimeSeconds(long.Parse(epoch, CultureInfo.InvariantCulture)).UtcDateTime;
        foreach (var entry in Directory.EnumerateFileSystemEntries(medium, "*", SearchOption.AllDirectories).Append(medium))
        {
            File.SetLastWriteTimeUtc(entry, stamp);
        }

        var volumeDate = stamp.ToString("yyyyMMddHHmmss00", CultureInfo.InvariantCulture);
        await ToolRun.RunAsync(
            "iso",
            ["/usr/bin/grub-mkrescue", "-o", iso, medium, "--", "-volid", "KUBEDOS", "-volume_date", "all_file_dates", $"={epoch}", "-volume_date", "uuid", volumeDate],
            new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = epoch },
            cancellationToken);
        await FixEfiSerialAsync(iso, seed, cancellationToken);
    }

    /// <summary>Follows an absolute symbolic link (Debian's <c>/vmlinuz</c>) inside the extracted tree, not on this host.</summary>
    private static string ResolveInTree(string tree, string absolute)
    {
        var path = Path.Combine(tree, absolute.TrimStart('/'));
        for (var hops = 0; hops < 8 && new FileInfo(path).LinkTarget is { } target; hops++)
        {
            path = target.StartsWith('/') ? Path.Combine(tree, target.TrimStart('/')) : Path.Combine(Path.GetDirectoryName(path)!, target);
        }

        return File.Exists(path) ? path : throw new ImageBuildException("iso", $"the image has no {absolute} (is linux-image-amd64 in the lock?)");
    }

    /// <summary>grub-mkrescue formats its EFI image with a random FAT volume serial: set it from the lock so the ISO is the same on every build.</summary>
    private static async Task FixEfiSerialAsync(string iso, string seed, CancellationToken cancellationToken)
    {
        var report = await ToolRun.RunAsync("iso", ["/usr/bin/xorriso", "-indev", iso, "-report_el_torito", "plain"], null, cancellationToken);
        var match = EfiBootImage().Match(report);
        if (!match.Success)
        {
            throw new ImageBuildException("iso", "grub-mkrescue made no UEFI El Torito image (is grub-efi-amd64-bin installed?)");
        }

        var offset = long.Parse(match.Groups["lba"].Value, CultureInfo.InvariantCulture) * 2048;
        await using var file = new FileStream(iso, FileMode.Open, FileAccess.ReadWrite);
        var boot = new byte[512];
        file.Position = offset;
        file.ReadExactly(boot);
        // FAT12/16 keep the volume serial at 0x27, FAT32 at 0x43; the extended boot signature 0x29 says which.
        var serialAt = boot[0x26] == 0x29 ? 0x27 : boot[0x42] == 0x29 ? 0x43 : throw new ImageBuildException("iso", "the ISO's EFI image is not a FAT file system with a volume serial");
        BinaryPrimitives.WriteUInt32LittleEndian(boot.AsSpan(serialAt), Convert.ToUInt32(seed[..8], 16));
        file.Position = offset;
        file.Write(boot);
    }

    [GeneratedRegex("El Torito boot img :\\s+\\d+\\s+UEFI\\s+y\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\d+\\s+(?<lba>\\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex EfiBootImage();
}
