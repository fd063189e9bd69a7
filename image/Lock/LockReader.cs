using System.Globalization;
using System.Text.Json.Nodes;

namespace Kubedos.Image.Lock;

/// <summary>Reads typed fields of a lock document by JSON path, refusing a missing or malformed one by its path.</summary>
internal sealed class LockReader(string path, JsonNode? root)
{
    public string Text(string jsonPath)
    {
        var value = Find(jsonPath) as JsonValue;
        if (value is null || !value.TryGetValue<string>(out var text) || text.Length == 0 || text.Length > 4096 || text.Any(char.IsControl))
        {
            throw new LockFileException(path, jsonPath, "must be a non-empty string of at most 4096 printable characters");
        }

        return text;
    }

    public long Integer(string jsonPath)
    {
        var value = Find(jsonPath) as JsonValue;
        if (value is null || !value.TryGetValue<long>(out var number) || number < 0)
        {
            throw new LockFileException(path, jsonPath, "must be a non-negative integer");
        }

        return number;
    }

    public string Sha256(string jsonPath)
    {
        var text = Text(jsonPath);
        if (text.Length != 64 || !text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            throw new LockFileException(path, jsonPath, "must be a SHA-256 in lowercase hex (64 characters)");
        }

        return text;
    }

    public string PoolPath(string jsonPath)
    {
        var text = Text(jsonPath);
        if (!text.StartsWith("pool/", StringComparison.Ordinal) || !text.EndsWith(".deb", StringComparison.Ordinal) || text.Contains("..", StringComparison.Ordinal) || text.Contains('\\'))
        {
            throw new LockFileException(path, jsonPath, "must be a pool path below the mirror (pool/.../NAME.deb, no '..')");
        }

        return text;
    }

    public DateTimeOffset Date(string jsonPath)
    {
        var text = Text(jsonPath);
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            throw new LockFileException(path, jsonPath, "must be an ISO 8601 date and time");
        }

        return date;
    }

    public JsonArray Array(string jsonPath) =>
        Find(jsonPath) as JsonArray ?? throw new LockFileException(path, jsonPath, "must be an array");

    private JsonNode? Find(string jsonPath)
    {
        var node = root;
        foreach (var segment in jsonPath[2..].Split('.'))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? segment : segment[..bracket];
            node = (node as JsonObject)?[name];
            if (bracket >= 0)
            {
                var index = int.Parse(segment[(bracket + 1)..^1], CultureInfo.InvariantCulture);
                node = node is JsonArray array && index < array.Count ? array[index] : null;
            }
        }

        return node;
    }
}
