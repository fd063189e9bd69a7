using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubedos.Image.Build;

/// <summary>
/// <c>out/&lt;stack&gt;/manifests/artifact-manifest.json</c> (spec §16.1): every artifact and every input with digest
/// and size, the target matrix, the build key that makes a rebuild with nothing changed a cache hit, and the tools used.
/// </summary>
public sealed record ArtifactManifest(
    string Stack,
    string Version,
    string BuildKey,
    long SourceDateEpoch,
    IReadOnlyList<string> Targets,
    IReadOnlyList<Artifact> Outputs,
    IReadOnlyList<Artifact> Inputs,
    IReadOnlyDictionary<string, string> Tools)
{
    public string ToJson()
    {
        var root = new JsonObject
        {
            ["stack"] = Stack,
            ["version"] = Version,
            ["buildKey"] = BuildKey,
            ["sourceDateEpoch"] = SourceDateEpoch,
            ["targets"] = new JsonArray(Targets.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
            ["outputs"] = Array(Outputs),
            ["inputs"] = Array(Inputs),
            ["tools"] = new JsonObject(Tools.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => KeyValuePair.Create(t.Key, (JsonNode?)JsonValue.Create(t.Value)))),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    /// <summary>Reads a manifest this build wrote; null when it is missing or not one (a rebuild then happens).</summary>
    public static ArtifactManifest? TryRead(string path)
    {
        try
        {
            if (!File.Exists(path) || new FileInfo(path).Length > 64L << 20)
            {
                return null;
            }

            var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            return new ArtifactManifest(
                root["stack"]!.GetValue<string>(),
                root["version"]!.GetValue<string>(),
                root["buildKey"]!.GetValue<string>(),
                root["sourceDateEpoch"]!.GetValue<long>(),
                root["targets"]!.AsArray().Select(t => t!.GetValue<string>()).ToArray(),
                ReadArray(root["outputs"]!.AsArray()),
                ReadArray(root["inputs"]!.AsArray()),
                root["tools"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            return null;
        }
    }

    private static JsonArray Array(IEnumerable<Artifact> artifacts) =>
        new(artifacts.Select(a => (JsonNode?)new JsonObject { ["kind"] = a.Kind, ["name"] = a.Name, ["sha256"] = a.Sha256, ["size"] = a.Size }).ToArray());

    private static Artifact[] ReadArray(JsonArray array) =>
        array.Select(a => new Artifact(a!["kind"]!.GetValue<string>(), a["name"]!.GetValue<string>(), a["sha256"]!.GetValue<string>(), a["size"]!.GetValue<long>())).ToArray();
}
