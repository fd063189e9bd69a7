namespace Kubedos.Image.Build;

/// <summary>
/// The files every image needs to boot from its own disk: GRUB's menu (the kernel and initrd Debian links at <c>/vmlinuz</c>
/// and <c>/initrd.img</c>, the root found by its label, the console on the first serial port so a VM's boot can be read)
/// and the fstab that mounts the root by the same label.
/// </summary>
internal static class BootFiles
{
    /// <summary>The root file system's label; GRUB, the kernel and fstab all find it by this.</summary>
    public const string RootLabel = "kubedos-root";

    /// <summary>The kernel command line. <c>no_timer_check</c>: an emulated CPU on a busy host misses the kernel's IO-APIC timer check and panics without it.</summary>
    public const string KernelCommandLine = $"root=LABEL={RootLabel} ro console=tty0 console=ttyS0,115200n8 no_timer_check net.ifnames=0";

    public static IReadOnlyList<OverlayFile> All()
    {
        const UnixFileMode readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        return
        [
            new("/boot/grub/grub.cfg", System.Text.Encoding.UTF8.GetBytes(
                "# Kube'd'OS: boot the image's kernel with its root found by label; output on the serial console too.\n" +
                "serial --unit=0 --speed=115200\nterminal_input serial console\nterminal_output serial console\n" +
                "set timeout=1\n" +
                "menuentry \"Kube'd'OS\" {\n" +
                $"  linux /vmlinuz {KernelCommandLine}\n" +
                "  initrd /initrd.img\n" +
                "}\n"), readable),
            new("/etc/fstab", System.Text.Encoding.UTF8.GetBytes($"LABEL={RootLabel} / ext4 defaults,errors=remount-ro 0 1\n"), readable),
        ];
    }
}
