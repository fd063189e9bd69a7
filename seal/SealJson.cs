using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubedos.Seal;

/// <summary>How every JSON document of the seal is written: indented, UTF-8, no BOM, LF, final newline, characters unescaped where JSON allows.</summary>
/// <remarks>One serialisation for everything that is digested or signed, so the same content gives the same bytes.</remarks>
public static class SealJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Serialize(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var text = node.ToJsonString(Options) + "\n";
        return System.Text.Encoding.UTF8.GetBytes(text);
    }

    /// <summary>An RFC 3339 UTC timestamp to the second (<c>2026-12-06T07:03:46Z</c>), the form SPDX requires and SLSA accepts.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
