using System.Buffers.Binary;

namespace Kubedos.Image.Build;

/// <summary>
/// Makes a GPT disk image boot with GRUB on a BIOS machine, without a loop device or grub-install: GRUB's <c>boot.img</c>
/// goes in the protective MBR's code area and <c>core.img</c> in the BIOS boot partition, patched as
/// <c>grub-bios-setup</c> patches them (the sector where core.img starts, and core.img's own block list for its rest).
/// </summary>
internal static class BiosBootRecord
{
    /// <summary>Where boot.img keeps the first sector of core.img (GRUB_BOOT_MACHINE_KERNEL_SECTOR).</summary>
    private const int KernelSectorOffset = 0x5c;

    /// <summary>boot.img's boot drive byte: 0xff means the drive the BIOS booted from.</summary>
    private const int BootDriveOffset = 0x64;

    /// <summary>The MBR bytes boot.img must not overwrite: disk signature and the (protective) partition table.</summary>
    private const int PartitionTableStart = 0x1b8;

    /// <summary>core.img's first block list entry, at the end of its first sector: start sector (8 bytes), length (2), segment (2).</summary>
    private const int BlockListOffset = 0x200 - 12;

    public static void Install(string disk, byte[] bootImage, byte[] coreImage, long biosPartitionStartSector, long biosPartitionSectors)
    {
        if (bootImage.Length != 512)
        {
            throw new ImageBuildException("disk", $"GRUB's boot.img is {bootImage.Length} bytes, not one 512-byte sector");
        }

        var sectors = (coreImage.Length + 511) / 512;
        if (sectors > biosPartitionSectors)
        {
            throw new ImageBuildException("disk", $"GRUB's core.img needs {sectors} sectors; the BIOS boot partition has {biosPartitionSectors}");
        }

        using var file = new FileStream(disk, FileMode.Open, FileAccess.ReadWrite);
        var mbr = new byte[512];
        file.ReadExactly(mbr);
        var record = (byte[])bootImage.Clone();
        Array.Copy(mbr, PartitionTableStart, record, PartitionTableStart, 512 - PartitionTableStart);
        BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(KernelSectorOffset), (ulong)biosPartitionStartSector);
        record[BootDriveOffset] = 0xff;
        file.Position = 0;
        file.Write(record);

        var core = new byte[sectors * 512];
        coreImage.CopyTo(core, 0);
        BinaryPrimitives.WriteUInt64LittleEndian(core.AsSpan(BlockListOffset), (ulong)(biosPartitionStartSector + 1));
        BinaryPrimitives.WriteUInt16LittleEndian(core.AsSpan(BlockListOffset + 8), (ushort)(sectors - 1));
        file.Position = biosPartitionStartSector * 512;
        file.Write(core);
    }
}
