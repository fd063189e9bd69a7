using System.Security.Cryptography;

namespace Kubedos.Operations.Runbooks;

/// <summary>An etcd snapshot copied where a restore reads it: beside its target first, its digest checked, then moved into place.</summary>
internal static class SnapshotCopy
{
    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/>; returns the copy's SHA-256 (lowercase hex).</summary>
    /// <param name="source">The snapshot.</param>
    /// <param name="target">Where it goes (its folder is made).</param>
    /// <param name="sha256">The digest the copy must have (a verified manifest's); null takes the source's own.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <exception cref="IOException">The copy's digest differs: nothing was kept.</exception>
    public static async Task<string> CopyCheckedAsync(string source, string target, string? sha256, CancellationToken cancellationToken)
    {
        var expected = sha256 ?? await DigestAsync(source, cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var part = target + ".part";
        File.Copy(source, part, overwrite: true);
        var copied = await DigestAsync(part, cancellationToken);
        if (!string.Equals(copied, expected, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(part);
            throw new IOException($"the copy of {source} has SHA-256 {copied}, {(sha256 is null ? "the snapshot" : "the bundle's manifest lists")} {expected}: nothing was kept");
        }

        File.Move(part, target, overwrite: true);
        return copied;
    }

    private static async Task<string> DigestAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
