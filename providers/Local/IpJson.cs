using System.Text.Json;

namespace Kubedos.Providers.Local;

/// <summary>Reads the JSON that <c>ip -j</c> prints (which is nothing at all for an empty list).</summary>
internal static class IpJson
{
    /// <summary>The elements of the printed array; none when the output is empty.</summary>
    public static IReadOnlyList<JsonElement> Array(string stdout)
    {
        if (string.IsNullOrWhiteSpace(stdout))
        {
            return [];
        }

        using var document = JsonDocument.Parse(stdout);
        return document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray()
            : [];
    }
}
