using Kubedos.Image.Lock;
using Kubedos.Image.Store;
using Kubedos.Image.Tools;

namespace Kubedos.Image.Build;

/// <summary>
/// A flat Debian repository of exactly the locked packages, made from the content store (hard links, so no copy):
/// the rootfs is assembled from it whether the store was filled online a minute ago or is all there is.
/// </summary>
internal static class LocalRepository
{
    /// <summary>Fills <paramref name="directory"/> with the lock's packages and their <c>Packages</c> index.</summary>
    public static async Task CreateAsync(ContentStore store, ImageLock imageLock, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        foreach (var package in imageLock.Packages)
        {
            var source = store.PathOf(package.Sha256);
            if (!File.Exists(source))
            {
                throw new ImageBuildException("repository", $"{package.Name} {package.Version} is not in the store {store.Root}");
            }

            var target = Path.Combine(directory, Path.GetFileName(package.Filename));
            File.CreateSymbolicLink(target, source);
        }

        var index = await ToolRun.RunAsync("repository", ["/usr/bin/dpkg-scanpackages", "--multiversion", ".", "/dev/null"], null, cancellationToken, directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "Packages"), index, cancellationToken);
    }
}
