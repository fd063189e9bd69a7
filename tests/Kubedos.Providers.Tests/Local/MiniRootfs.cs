using System.Diagnostics;
using System.Security.Cryptography;
using Kubedos.Providers.Local;

namespace Kubedos.Providers.Tests.Local;

/// <summary>
/// A node image small enough for a unit test: a root file system tarball holding the host's shell and the few
/// programs a lab node's holder and file helpers run (with their libraries), plus a marker file naming the image.
/// </summary>
internal sealed class MiniRootfs : IDisposable
{
    private static readonly string[] Programs =
        ["sh", "mount", "umount", "mkdir", "rmdir", "sleep", "cat", "dirname", "sha256sum", "chmod", "chown", "mv", "rm", "ls", "hostname"];

    private readonly string directory;

    private MiniRootfs(string directory, LabImage image, string marker)
    {
        this.directory = directory;
        Image = image;
        Marker = marker;
    }

    /// <summary>The image: the tarball and its digest.</summary>
    public LabImage Image { get; }

    /// <summary>What <c>/etc/kubedos-image</c> holds in this image (and nowhere on the host).</summary>
    public string Marker { get; }

    public const string MarkerFile = "/etc/kubedos-image";

    /// <summary>Builds an image whose marker is <paramref name="name"/> plus a random suffix.</summary>
    public static MiniRootfs Create(string name)
    {
        var directory = Directory.CreateTempSubdirectory("kubedos-minirootfs-").FullName;
        var tree = Path.Combine(directory, "tree");
        var marker = $"{name}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        const string Script = """
            set -eu
            t=$1 marker=$2; shift 2
            mkdir -p "$t/usr/bin" "$t/usr/lib" "$t/usr/lib64" "$t/usr/sbin" "$t/etc" "$t/dev" "$t/proc" "$t/sys" "$t/run" "$t/tmp" "$t/root" "$t/home" "$t/var/log" "$t/var/lib"
            ln -s usr/bin "$t/bin"; ln -s usr/lib "$t/lib"; ln -s usr/lib64 "$t/lib64"; ln -s usr/sbin "$t/sbin"
            for p in "$@"; do
              src=$(readlink -f "$(command -v "$p")")
              cp "$src" "$t/usr/bin/$p"
              ldd "$src" | grep -o '/[^ ]*' | while read -r lib; do
                dest="$t/usr${lib#/usr}"
                mkdir -p "$(dirname "$dest")"
                cp -L "$lib" "$dest"
              done
            done
            printf '%s\n' "$marker" >"$t/etc/kubedos-image"
            echo 'root:x:0:0:root:/root:/bin/sh' >"$t/etc/passwd"
            echo 'root:x:0:' >"$t/etc/group"
            tar -C "$t" --numeric-owner --owner=0 --group=0 -cf "$t.tar" .
            """;
        Run(["sh", "-c", Script, "sh", tree, marker, .. Programs]);
        var tarball = tree + ".tar";
        using var stream = File.OpenRead(tarball);
        return new MiniRootfs(directory, new LabImage(tarball, Convert.ToHexStringLower(SHA256.HashData(stream))), marker);
    }

    /// <summary>Removes the tarball, and the tree the lab unpacked from it under <paramref name="options"/>.</summary>
    public void RemoveUnpacked(LabOptions options)
    {
        var tree = Path.Combine(options.ImageRoot, Image.Sha256);
        Run(["rm", "-rf", "--one-file-system", tree, tree + ".partial", tree + ".lock"]);
    }

    public void Dispose() => Run(["rm", "-rf", "--one-file-system", directory]);

    private static void Run(string[] argv)
    {
        var start = new ProcessStartInfo(argv[0]) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in argv.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', argv.Take(3))} exited {process.ExitCode}: {error.Result}");
        }
    }
}
