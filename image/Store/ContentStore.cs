using System.Security.Cryptography;

namespace Kubedos.Image.Store;

/// <summary>
/// A content-addressed store: every file under <c>sha256/&lt;2 hex&gt;/&lt;64 hex&gt;</c>, written once, read-only,
/// entering only through <see cref="AddAsync"/> after its digest was checked. Default root: <c>.kubedos/store</c> of the project.
/// </summary>
public sealed class ContentStore
{
    public ContentStore(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Path.Combine(Root, "sha256"));
        Directory.CreateDirectory(Path.Combine(Root, "incoming"));
    }

    /// <summary>The store's directory.</summary>
    public string Root { get; }

    /// <summary>Where the object <paramref name="sha256"/> lives (whether or not it is there).</summary>
    public string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            throw new ArgumentException($"'{sha256}' is not a lowercase hex SHA-256", nameof(sha256));
        }

        return Path.Combine(Root, "sha256", sha256[..2], sha256);
    }

    /// <summary>Whether the object is in the store.</summary>
    public bool Contains(string sha256) => File.Exists(PathOf(sha256));

    /// <summary>A new private file in the store's own file system for an object being received; move it in with <see cref="AddAsync"/>.</summary>
    public string NewIncomingPath() => Path.Combine(Root, "incoming", Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Moves <paramref name="incoming"/> into the store when its SHA-256 is <paramref name="expectedSha256"/>;
    /// otherwise deletes it and throws, so nothing unverified is kept.
    /// </summary>
    /// <exception cref="DigestMismatchException">The file's digest is not the expected one.</exception>
    public async Task<string> AddAsync(string incoming, string expectedSha256, string what, CancellationToken cancellationToken)
    {
        var target = PathOf(expectedSha256);
        string actual;
        await using (var stream = File.OpenRead(incoming))
        {
            actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        }

        if (actual != expectedSha256)
        {
            File.Delete(incoming);
            throw new DigestMismatchException(what, expectedSha256, actual);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(incoming, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        File.Move(incoming, target, overwrite: true);
        return target;
    }

    /// <summary>Adds a file this build produced under its own digest (copying it), returning the digest.</summary>
    public async Task<string> AddProducedAsync(string path, CancellationToken cancellationToken)
    {
        var incoming = NewIncomingPath();
        File.Copy(path, incoming);
        string digest;
        await using (var stream = File.OpenRead(incoming))
        {
            digest = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        }

        await AddAsync(incoming, digest, path, cancellationToken);
        return digest;
    }
}
