using Kubedos.Image.Lock;

namespace Kubedos.Image.Store;

/// <summary>Brings every package of a lock into the store: what is there is reused; the rest is downloaded from the lock's mirror and verified.</summary>
public sealed class PackageAcquirer(ContentStore store, HttpClient http)
{
    /// <summary>Acquires the whole lock; with <paramref name="offline"/> nothing is downloaded and a missing package is an error naming it.</summary>
    /// <exception cref="DigestMismatchException">A download's digest is not the locked one.</exception>
    /// <exception cref="ImageBuildException">Offline with a package missing from the store, or a download failed.</exception>
    public async Task<int> AcquireAsync(ImageLock imageLock, bool offline, IProgress<AcquireProgress>? progress, CancellationToken cancellationToken)
    {
        var totalBytes = imageLock.Packages.Sum(p => p.Size);
        long bytes = 0;
        var downloaded = 0;
        for (var i = 0; i < imageLock.Packages.Count; i++)
        {
            var package = imageLock.Packages[i];
            progress?.Report(new AcquireProgress(i, imageLock.Packages.Count, bytes, totalBytes, package.Name));
            if (!store.Contains(package.Sha256))
            {
                if (offline)
                {
                    throw new ImageBuildException("acquire", $"offline, and {package.Name} {package.Version} ({package.Sha256[..12]}) is not in the store {store.Root}; run once online");
                }

                await DownloadAsync(imageLock.Source, package, cancellationToken);
                downloaded++;
            }

            bytes += package.Size;
        }

        progress?.Report(new AcquireProgress(imageLock.Packages.Count, imageLock.Packages.Count, bytes, totalBytes, string.Empty));
        return downloaded;
    }

    private async Task DownloadAsync(AptSource source, LockedPackage package, CancellationToken cancellationToken)
    {
        var incoming = store.NewIncomingPath();
        var url = $"{source.Mirror.TrimEnd('/')}/{string.Join('/', package.Filename.Split('/').Select(Uri.EscapeDataString))}";
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new ImageBuildException("acquire", $"{package.Name} {package.Version}: GET {url} answered {(int)response.StatusCode} {response.ReasonPhrase} (a mirror drops superseded versions; the store keeps what was acquired)");
            }

            await using (var file = File.Create(incoming))
            {
                await response.Content.CopyToAsync(file, cancellationToken);
            }
        }
        catch (HttpRequestException e)
        {
            File.Delete(incoming);
            throw new ImageBuildException("acquire", $"{package.Name} {package.Version}: GET {url} failed: {e.Message}", e);
        }
        catch
        {
            File.Delete(incoming);
            throw;
        }

        await store.AddAsync(incoming, package.Sha256, $"{package.Name} {package.Version} from {url}", cancellationToken);
    }
}
