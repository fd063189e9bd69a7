using System.Security.Cryptography;
using Kubedos.Engine.State;

namespace Kubedos.Providers.Local;

/// <summary>
/// Node images unpacked where lab nodes mount them: one tree per rootfs digest under <see cref="LabOptions.ImageRoot"/>,
/// the read-only lower layer of every node (of any stack) that runs it. A tree is unpacked once, beside its final name,
/// only from a tarball that hashes to its digest, and renamed into place whole; a half-unpacked tree is never used.
/// </summary>
internal sealed class LabImages(ICommandRunner runner, LabOptions options)
{
    private const string Done = ".kubedos-image";

    /// <summary>The unpacked tree of <paramref name="image"/>, unpacking it first when this machine has none.</summary>
    /// <exception cref="LabCommandException">The tarball is missing, does not hash to the image's digest, or does not unpack.</exception>
    public async Task<string> EnsureAsync(LabImage image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("lab node images are unpacked on Linux");
        }

        if (!LabImage.IsDigest(image.Sha256))
        {
            throw new ArgumentException($"image digest '{image.Sha256}' is not 64 lowercase hex digits", nameof(image));
        }

        var tree = Path.Combine(options.ImageRoot, image.Sha256);
        if (File.Exists(Path.Combine(tree, Done)))
        {
            return tree;
        }

        Directory.CreateDirectory(options.ImageRoot, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // Nodes of one image start in parallel: one unpacks, the others wait for it and find the tree done.
        using var held = ExclusiveFileLock.Acquire(tree + ".lock", TimeSpan.FromMinutes(10));
        if (File.Exists(Path.Combine(tree, Done)))
        {
            return tree;
        }

        if (!File.Exists(image.RootfsTarball))
        {
            throw new LabCommandException($"node image {image.Sha256[..12]}: its rootfs tarball {image.RootfsTarball} is missing; run `kubedos image build` for the stack");
        }

        await using (var stream = File.OpenRead(image.RootfsTarball))
        {
            var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            if (actual != image.Sha256)
            {
                throw new LabCommandException($"node image: {image.RootfsTarball} hashes to {actual}, not the {image.Sha256} the stack's image manifest lists; nothing was unpacked");
            }
        }

        var partial = tree + ".partial";
        await runner.RunCheckedAsync(cancellationToken, "rm", "-rf", "--one-file-system", partial, tree);
        Directory.CreateDirectory(partial);
        await runner.RunCheckedAsync(
            cancellationToken, "tar", "-x", "-f", image.RootfsTarball, "-C", partial, "--numeric-owner", "--same-permissions", "--xattrs", "--xattrs-include=*");
        await File.WriteAllTextAsync(Path.Combine(partial, Done), image.Sha256 + "\n", cancellationToken);
        Directory.Move(partial, tree);
        return tree;
    }
}
