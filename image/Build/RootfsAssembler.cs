using System.Globalization;
using Kubedos.Image.Lock;
using Kubedos.Image.Tools;

namespace Kubedos.Image.Build;

/// <summary>
/// Assembles the root filesystem tarball with mmdebstrap from a local repository of exactly the locked packages,
/// stamping every time with the lock's SOURCE_DATE_EPOCH, baking in the overlay (hardening, payloads) and
/// leaving per-node identity out: no SSH host keys, an empty machine-id, no WireGuard keys.
/// </summary>
internal static class RootfsAssembler
{
    public static async Task AssembleAsync(ImageLock imageLock, string repository, string overlay, string tarball, CancellationToken cancellationToken)
    {
        var names = string.Join(',', imageLock.Packages.Select(p => p.Name).Distinct(StringComparer.Ordinal));
        var sources = imageLock.Source.SourcesLine.Replace("'", string.Empty, StringComparison.Ordinal);
        string[] argv =
        [
            "/usr/bin/mmdebstrap",
            "--mode=root",
            "--variant=custom",
            "--format=tar",
            $"--architectures={imageLock.Source.Architecture}",
            $"--include={names}",
            "--aptopt=Acquire::Languages \"none\"",
            // Identity comes at first boot: host keys, machine-id and D-Bus's copy of it are left out.
            "--customize-hook=rm -f \"$1\"/etc/ssh/ssh_host_*",
            "--customize-hook=rm -f \"$1\"/var/lib/dbus/machine-id",
            "--customize-hook=if [ -e \"$1\"/etc/machine-id ]; then : > \"$1\"/etc/machine-id; fi",
            $"--customize-hook=sync-in {overlay} /",
            // The node's apt points at the lock's mirror, not at the build's temporary repository.
            $"--customize-hook=echo '{sources}' > \"$1\"/etc/apt/sources.list",
            imageLock.Source.Suite,
            tarball,
            $"deb [trusted=yes] copy://{repository} ./",
        ];
        var environment = new Dictionary<string, string>
        {
            ["SOURCE_DATE_EPOCH"] = imageLock.SourceDateEpoch.ToString(CultureInfo.InvariantCulture),
            ["TMPDIR"] = Path.GetDirectoryName(tarball)!,
        };
        await ToolRun.RunAsync("rootfs", argv, environment, cancellationToken);
    }
}
