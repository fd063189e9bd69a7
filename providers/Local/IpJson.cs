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

    /// <summary>Every IPv4 address <c>ip -j -4 address show</c> lists, with its label (the interface's name when it has none).</summary>
    public static IEnumerable<(System.Net.IPAddress Address, string Label)> Addresses(string stdout)
    {
        foreach (var link in Array(stdout))
        {
            var name = link.TryGetProperty("ifname", out var n) ? n.GetString() ?? string.Empty : string.Empty;
            if (!link.TryGetProperty("addr_info", out var infos) || infos.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var info in infos.EnumerateArray())
            {
                if (info.TryGetProperty("local", out var local) && System.Net.IPAddress.TryParse(local.GetString(), out var address))
                {
                    yield return (address, info.TryGetProperty("label", out var label) ? label.GetString() ?? name : name);
                }
            }
        }
    }
}
