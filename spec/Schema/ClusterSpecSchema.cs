using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubedos.Spec.Loading;
using Kubedos.Spec.Model;
using Kubedos.Spec.Validation.Rules;
using Kubedos.Spec.Validation.Support;

namespace Kubedos.Spec.Schema;

/// <summary>
/// Generates the JSON Schema (draft 2020-12) of ClusterSpec from the same model shapes the loader
/// binds, so the schema editors use can never drift from what validate accepts.
/// </summary>
internal static class ClusterSpecSchema
{
    public const string Id = "https://kubedos.ca/schemas/clusterspec.schema.json";

    /// <summary>Where the committed schema lives, relative to the repository root.</summary>
    public const string RepositoryPath = "schema/clusterspec.schema.json";

    // What this build does not carry out, by declaring model type and field: said in the field's description.
    private static readonly Dictionary<(Type Declaring, string Field), FieldSupportEntry> Refused =
        FieldSupport.Entries.ToDictionary(FieldSupport.Locate);

    public static string Generate()
    {
        var definitions = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        var root = Describe(typeof(ClusterDocument), definitions);
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = Id,
            ["title"] = "Kube'd'OS ClusterSpec",
            ["description"] = "One declarative spec of a Kube'd'OS cluster (kubedos.ca/v1alpha1, kind Cluster).",
            ["$ref"] = root["$ref"]!.DeepClone(),
            ["$defs"] = new JsonObject(definitions.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value))),
        };
        var definition = (JsonObject)schema["$defs"]![nameof(ClusterDocument)]!;
        var properties = (JsonObject)definition["properties"]!;
        properties["apiVersion"]!["const"] = DocumentTypeRule.ApiVersion;
        properties["kind"]!["const"] = "Cluster";

        // Gates are values, not fields: the list of the ones this build runs is said where they are required.
        var gates = schema["$defs"]![nameof(AcceptanceSpec)]!["properties"]!["required"]!;
        gates["description"] = $"{(string?)gates["description"]} This build runs {string.Join(", ", FieldSupport.RunnableGates)}; a required gate it cannot run is refused (gate-unsupported).";
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static JsonObject Describe(Type type, SortedDictionary<string, JsonNode> definitions)
    {
        var shape = SpecShape.Of(type);
        switch (shape.Kind)
        {
            case SpecShapeKind.String:
                return new JsonObject { ["type"] = "string" };
            case SpecShapeKind.Integer:
                return new JsonObject { ["type"] = "integer" };
            case SpecShapeKind.Boolean:
                return new JsonObject { ["type"] = "boolean" };
            case SpecShapeKind.Enum:
                return new JsonObject { ["enum"] = new JsonArray(shape.EnumNames.Keys.Select(k => (JsonNode?)k).ToArray()) };
            case SpecShapeKind.List:
                return new JsonObject { ["type"] = "array", ["items"] = Describe(shape.Element!, definitions) };
            case SpecShapeKind.Map:
                return new JsonObject { ["type"] = "object", ["additionalProperties"] = Describe(shape.Element!, definitions) };
            default:
                var name = shape.Core.Name;
                if (!definitions.ContainsKey(name))
                {
                    definitions[name] = new JsonObject();
                    definitions[name] = DescribeRecord(shape, definitions);
                }

                return new JsonObject { ["$ref"] = $"#/$defs/{name}" };
        }
    }

    private static JsonObject DescribeRecord(SpecShape shape, SortedDictionary<string, JsonNode> definitions)
    {
        var properties = new JsonObject();
        foreach (var field in shape.Fields)
        {
            // Draft 2020-12 honours keywords beside $ref, so a referenced section keeps its field's description.
            var described = Describe(field.Property.PropertyType, definitions);
            described["description"] = Refused.TryGetValue((shape.Core, field.Name), out var refused)
                ? $"{field.Description} This build: {refused.Verdict} (unsupported-field)."
                : field.Description;
            properties[field.Name] = described;
        }

        var schema = new JsonObject
        {
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = properties,
        };
        var required = shape.Fields.Where(f => f.Required).Select(f => (JsonNode?)f.Name).ToArray();
        if (required.Length > 0)
        {
            schema["required"] = new JsonArray(required);
        }

        return schema;
    }
}
