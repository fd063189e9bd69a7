using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubedos.Input;

namespace Kubedos.Image.Lock;

/// <summary>
/// The image lock (spec §16.2 <c>locks.json</c>): the declared package set, the mirror snapshot it was
/// resolved against and every package of the closure with its exact version and SHA-256. Written only
/// by <c>kubedos image lock</c>; every build installs exactly these files.
/// </summary>
public sealed class ImageLock
{
    /// <summary>The format written; a lock of another format is refused.</summary>
    public const int FormatVersion = 1;

    private const long MaxBytes = 16L * 1024 * 1024;

    public ImageLock(AptSource source, MirrorSnapshot snapshot, IReadOnlyList<string> declared, IEnumerable<LockedPackage> packages)
    {
        Source = source;
        Snapshot = snapshot;
        Declared = new DeclaredPackageSet(declared);
        Packages = packages.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Architecture, StringComparer.Ordinal).ToArray();
        var duplicate = Packages.GroupBy(p => (p.Name, p.Architecture)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"package {duplicate.Key.Name}:{duplicate.Key.Architecture} is locked twice", nameof(packages));
        }

        var missing = Declared.Names.Where(n => Packages.All(p => p.Name != n)).ToArray();
        if (missing.Length > 0)
        {
            throw new ArgumentException($"declared package(s) not in the resolved closure: {string.Join(", ", missing)}", nameof(packages));
        }
    }

    /// <summary>Where the packages came from.</summary>
    public AptSource Source { get; }

    /// <summary>The signed index the versions were read from.</summary>
    public MirrorSnapshot Snapshot { get; }

    /// <summary>The set the image declares.</summary>
    public DeclaredPackageSet Declared { get; }

    /// <summary>The resolved closure, ordinal by name.</summary>
    public IReadOnlyList<LockedPackage> Packages { get; }

    /// <summary>Every file time in the image (SOURCE_DATE_EPOCH): the snapshot's date, so a rebuild from this lock stamps the same times.</summary>
    public long SourceDateEpoch => Snapshot.Date.ToUnixTimeSeconds();

    /// <summary>Null when this lock was made for <paramref name="declared"/>; otherwise the difference, naming each package.</summary>
    public string? Difference(DeclaredPackageSet declared)
    {
        var added = declared.Names.Except(Declared.Names, StringComparer.Ordinal).ToArray();
        var removed = Declared.Names.Except(declared.Names, StringComparer.Ordinal).ToArray();
        if (added.Length == 0 && removed.Length == 0)
        {
            return null;
        }

        var parts = new List<string>();
        if (added.Length > 0)
        {
            parts.Add($"declared but not locked: {string.Join(", ", added)}");
        }

        if (removed.Length > 0)
        {
            parts.Add($"locked but no longer declared: {string.Join(", ", removed)}");
        }

        return string.Join("; ", parts);
    }

    /// <summary>The lock as JSON: stable key order, packages sorted, so the file diffs well in review.</summary>
    public string ToJson()
    {
        var root = new JsonObject
        {
            ["format"] = FormatVersion,
            ["source"] = new JsonObject
            {
                ["mirror"] = Source.Mirror,
                ["suite"] = Source.Suite,
                ["component"] = Source.Component,
                ["architecture"] = Source.Architecture,
            },
            ["snapshot"] = new JsonObject
            {
                ["date"] = Snapshot.Date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["inReleaseSha256"] = Snapshot.InReleaseSha256,
            },
            ["declared"] = new JsonObject
            {
                ["digest"] = Declared.Digest,
                ["packages"] = new JsonArray(Declared.Names.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
            },
            ["packages"] = new JsonArray(Packages.Select(p => (JsonNode?)new JsonObject
            {
                ["name"] = p.Name,
                ["version"] = p.Version,
                ["architecture"] = p.Architecture,
                ["filename"] = p.Filename,
                ["size"] = p.Size,
                ["sha256"] = p.Sha256,
            }).ToArray()),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    /// <summary>Reads and checks a lock file.</summary>
    /// <exception cref="LockFileException">Not a regular file, too large, not JSON, another format, or a field missing or malformed (named by its JSON path).</exception>
    public static ImageLock Read(string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(RegularFile.ReadAtMost(path, MaxBytes));
        }
        catch (InputFileException e)
        {
            throw new LockFileException(path, "$", e.Message);
        }
        catch (JsonException e)
        {
            throw new LockFileException(path, "$", $"not JSON ({e.Message})");
        }

        var reader = new LockReader(path, root);
        var format = reader.Integer("$.format");
        if (format != FormatVersion)
        {
            throw new LockFileException(path, "$.format", $"format {format} is not {FormatVersion}; make it again with `kubedos image lock`");
        }

        var source = new AptSource(reader.Text("$.source.mirror"), reader.Text("$.source.suite"), reader.Text("$.source.component"), reader.Text("$.source.architecture"));
        var snapshot = new MirrorSnapshot(reader.Date("$.snapshot.date"), reader.Sha256("$.snapshot.inReleaseSha256"));
        var declared = reader.Array("$.declared.packages").Select((_, i) => reader.Text($"$.declared.packages[{i}]")).ToArray();
        var packages = reader.Array("$.packages").Select((_, i) => new LockedPackage(
            reader.Text($"$.packages[{i}].name"),
            reader.Text($"$.packages[{i}].version"),
            reader.Text($"$.packages[{i}].architecture"),
            reader.PoolPath($"$.packages[{i}].filename"),
            reader.Integer($"$.packages[{i}].size"),
            reader.Sha256($"$.packages[{i}].sha256"))).ToArray();
        try
        {
            var result = new ImageLock(source, snapshot, declared, packages);
            var digest = reader.Sha256("$.declared.digest");
            if (digest != result.Declared.Digest)
            {
                throw new LockFileException(path, "$.declared.digest", "does not match the declared packages (the file was edited by hand); make it again with `kubedos image lock`");
            }

            return result;
        }
        catch (ArgumentException e)
        {
            throw new LockFileException(path, "$", e.Message);
        }
    }
}
