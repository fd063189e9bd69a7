using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubedos.Seal.Bundle;

/// <summary>
/// The recovery bundle's manifest: every file with its SHA-256 and size, the key that signs the bundle, and the digest of
/// the inputs it was sealed from (so an unchanged stack is not sealed again).
/// </summary>
/// <param name="Stack">The stack sealed.</param>
/// <param name="Cluster">The cluster's name.</param>
/// <param name="InputsDigest"><c>sha256:&lt;hex&gt;</c> over everything the seal read.</param>
/// <param name="KeyId">The signing key's id (<c>sha256:</c> of its SubjectPublicKeyInfo).</param>
/// <param name="Notes">Plain statements about the contents a reader needs (where the node SBOM's facts come from).</param>
/// <param name="Files">Every listed file, in ordinal order of path.</param>
public sealed record BundleManifest(string Stack, string Cluster, string InputsDigest, string KeyId, IReadOnlyList<string> Notes, IReadOnlyList<BundleEntry> Files)
{
    public const string Kind = "kubedos/recovery-bundle";

    public const int Version = 1;

    /// <summary>Lists every file under <paramref name="directory"/> except those <see cref="BundleLayout.IsUnlisted"/> names.</summary>
    public static IReadOnlyList<BundleEntry> Describe(string directory)
    {
        var entries = new List<BundleEntry>();
        foreach (var file in BundleLayout.FilesIn(directory).Where(f => !BundleLayout.IsUnlisted(f)))
        {
            using var stream = File.OpenRead(Path.Combine(directory, file));
            entries.Add(new BundleEntry(file, Convert.ToHexStringLower(SHA256.HashData(stream)), stream.Length));
        }

        return entries;
    }

    public byte[] ToJson()
    {
        var files = new JsonArray();
        foreach (var f in Files)
        {
            files.Add(new JsonObject { ["path"] = f.Path, ["sha256"] = f.Sha256, ["size"] = f.Size });
        }

        var notes = new JsonArray();
        foreach (var n in Notes)
        {
            notes.Add(n);
        }

        return SealJson.Serialize(new JsonObject
        {
            ["kind"] = Kind,
            ["version"] = Version,
            ["stack"] = Stack,
            ["cluster"] = Cluster,
            ["inputsDigest"] = InputsDigest,
            ["signingKey"] = new JsonObject { ["file"] = BundleLayout.SigningKeyFile, ["keyid"] = KeyId },
            ["notes"] = notes,
            ["files"] = files,
        });
    }

    /// <summary>Reads a manifest.</summary>
    /// <exception cref="FormatException">Not a version-1 bundle manifest, or a field is missing or malformed (named).</exception>
    public static BundleManifest Parse(ReadOnlySpan<byte> json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not JSON: {e.Message}", e);
        }

        if (root is not JsonObject o || Text(o, "kind") != Kind || o["version"] is not JsonValue v || !v.TryGetValue(out int version) || version != Version)
        {
            throw new FormatException($"not a '{Kind}' manifest of version {Version}");
        }

        if (o["files"] is not JsonArray list || o["signingKey"] is not JsonObject key)
        {
            throw new FormatException("'files' (an array) and 'signingKey' (an object) are required");
        }

        var files = new List<BundleEntry>();
        foreach (var item in list)
        {
            if (item is not JsonObject f || f["size"] is not JsonValue size || !size.TryGetValue(out long bytes))
            {
                throw new FormatException("each file needs 'path', 'sha256' and 'size'");
            }

            var path = Text(f, "path");
            if (path.Length == 0 || path.StartsWith('/') || path.Split('/').Any(p => p is "" or "." or ".."))
            {
                throw new FormatException($"file path '{path}' must be bundle-relative without empty, '.' or '..' parts");
            }

            files.Add(new BundleEntry(path, Text(f, "sha256"), bytes));
        }

        var notes = o["notes"] is JsonArray n ? n.Select(x => x?.GetValue<string>() ?? string.Empty).ToList() : [];
        return new BundleManifest(Text(o, "stack"), Text(o, "cluster"), Text(o, "inputsDigest"), Text(key, "keyid"), notes, files);
    }

    private static string Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue(out string? text) ? text : throw new FormatException($"'{name}' must be a string");
}
