using Kubedos.Engine.Model;
using Kubedos.Image.Build;
using Kubedos.Image.Lock;

namespace Kubedos.Components.Image;

/// <summary>
/// The built node image a local lab's nodes run (<c>spec.substrate.local.nodeRoot: image</c>): the rootfs tarball the
/// stack's last <c>kubedos image build</c> listed in its artifact manifest, made from exactly the stack's lock.
/// </summary>
/// <param name="RootfsTarball">The tarball's absolute path (under <c>out/&lt;stack&gt;/artifacts/</c>).</param>
/// <param name="Sha256">Its SHA-256 as the manifest lists it; the lab unpacks it only when the file hashes to it.</param>
internal sealed record NodeImage(string RootfsTarball, string Sha256)
{
    /// <summary>The image of <paramref name="manifestPath"/>, refused unless it was built from <paramref name="imageLock"/> and its rootfs is there.</summary>
    /// <exception cref="ImageLockRejectedException">No manifest, one built from another lock, or its rootfs tarball missing or resized; the message says which and what to run.</exception>
    public static NodeImage Resolve(string manifestPath, string stack, ImageLock imageLock)
    {
        ArgumentNullException.ThrowIfNull(imageLock);
        var build = $"`kubedos image build --stack {stack}`";
        var manifest = ArtifactManifest.TryRead(manifestPath)
            ?? throw Rejected(manifestPath, $"spec.substrate.local.nodeRoot is image, but no node image was built for stack {stack} (no artifact manifest at {manifestPath}); run {build}");

        var built = manifest.Inputs.Where(i => i.Kind == "deb").Select(i => i.Sha256).ToHashSet(StringComparer.Ordinal);
        var locked = imageLock.Packages.Select(p => p.Sha256).ToHashSet(StringComparer.Ordinal);
        if (!built.SetEquals(locked))
        {
            var missing = locked.Except(built).Count();
            throw Rejected(manifestPath, $"the node image in {manifestPath} was built from another lock ({missing} of the lock's {locked.Count} packages are not in it); run {build}");
        }

        var rootfs = manifest.Outputs.FirstOrDefault(o => o.Kind == "rootfs-tar")
            ?? throw Rejected(manifestPath, $"the artifact manifest {manifestPath} lists no rootfs tarball; run {build}");
        var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(manifestPath)!, "..", "artifacts", rootfs.Name));
        if (!File.Exists(path) || new FileInfo(path).Length != rootfs.Size)
        {
            throw Rejected(manifestPath, $"the node image's rootfs {path} is missing or not the {rootfs.Size} bytes its manifest lists; run {build}");
        }

        return new NodeImage(path, rootfs.Sha256);
    }

    private static ImageLockRejectedException Rejected(string manifestPath, string message) =>
        new(message, [new ProgramProblem(message, new PolicySourceLocation(manifestPath, 1, 1), "node-image")]);
}
