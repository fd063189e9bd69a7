using System.Text.Json;

namespace Kubedos.Enrollment.Revocation;

/// <summary>Whole-file JSON reads and crash-safe writes (temp file, fsync, rename).</summary>
internal static class JsonFile
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The list in <paramref name="path"/> (empty when there is no file).</summary>
    /// <exception cref="EnrollmentStateFileException">The file is not a JSON list of <typeparamref name="T"/>; names the file and line.</exception>
    public static List<T> ReadList<T>(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<T>>(File.ReadAllText(path), Options) ?? [];
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"line {line + 1}: " : string.Empty;
            throw new EnrollmentStateFileException(path, $"{where}not the JSON list of records this file holds; restore it from a backup (the enrollment state cannot be rebuilt from the stack)", e);
        }
    }

    public static void WriteList<T>(string path, IReadOnlyList<T> items)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, items, Options);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}
