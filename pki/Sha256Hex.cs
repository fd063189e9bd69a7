using System.Security.Cryptography;
using System.Text;

namespace Kubedos.Pki;

/// <summary>SHA-256 digests as lower-case hex, the form <c>sha256sum</c> prints and every digest in state, triggers and manifests takes.</summary>
public static class Sha256Hex
{
    /// <summary>The digest of <paramref name="text"/>'s UTF-8 bytes.</summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Of(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>The digest of <paramref name="bytes"/>.</summary>
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// The digest of a <c>sha256sum</c> manifest of files: one <c>HASH  PATH</c> line per file, in the order given (callers
    /// sort by path), so it changes whenever a file's content, name or the set does.
    /// </summary>
    public static string OfManifest(IEnumerable<(string Path, byte[] Content)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var manifest = new StringBuilder();
        foreach (var (path, content) in files)
        {
            manifest.Append(Of(content)).Append("  ").Append(path).Append('\n');
        }

        return Of(manifest.ToString());
    }
}
