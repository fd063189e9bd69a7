using System.Text.Json;
using Json.Schema;

namespace Kubedos.Seal.Schemas;

/// <summary>The official CycloneDX 1.6 and SPDX 2.3 JSON schemas (vendored, see <c>SOURCES.md</c>), and validation against them.</summary>
public static class OfficialSchemas
{
    private static readonly Lazy<JsonSchema> CycloneDx = new(() => Build("bom-1.6.schema.json", "spdx.schema.json", "jsf-0.82.schema.json"));
    private static readonly Lazy<JsonSchema> Spdx = new(() => Build("spdx-2.3.schema.json"));

    /// <summary>The vendored schema files by name, as embedded.</summary>
    public static IReadOnlyList<string> Files { get; } = ["bom-1.6.schema.json", "spdx.schema.json", "jsf-0.82.schema.json", "spdx-2.3.schema.json"];

    /// <summary>The bytes of one vendored schema file.</summary>
    public static byte[] Read(string file)
    {
        using var stream = typeof(OfficialSchemas).Assembly.GetManifestResourceStream("Kubedos.Seal.Schemas." + file)
            ?? throw new ArgumentException($"no vendored schema '{file}'", nameof(file));
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Every way <paramref name="json"/> breaks CycloneDX 1.6 (empty: valid).</summary>
    public static IReadOnlyList<SchemaFinding> ValidateCycloneDx(ReadOnlySpan<byte> json) => Validate(CycloneDx.Value, json);

    /// <summary>Every way <paramref name="json"/> breaks SPDX 2.3 (empty: valid).</summary>
    public static IReadOnlyList<SchemaFinding> ValidateSpdx(ReadOnlySpan<byte> json) => Validate(Spdx.Value, json);

    private static IReadOnlyList<SchemaFinding> Validate(JsonSchema schema, ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            return [new SchemaFinding(string.Empty, $"not JSON: {e.Message}")];
        }

        using (document)
        {
            var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
            if (results.IsValid)
            {
                return [];
            }

            var findings = new List<SchemaFinding>();
            Collect(results, findings);
            return findings.Count == 0 ? [new SchemaFinding(string.Empty, "does not match the schema")] : findings.Distinct().ToList();
        }
    }

    private static void Collect(EvaluationResults results, List<SchemaFinding> findings)
    {
        if (results.Errors is not null)
        {
            foreach (var (keyword, message) in results.Errors)
            {
                findings.Add(new SchemaFinding(results.InstanceLocation.ToString(), $"{keyword}: {message}"));
            }
        }

        if (results.Details is not null)
        {
            foreach (var detail in results.Details)
            {
                Collect(detail, findings);
            }
        }
    }

    // The referenced schemas are registered first: references resolve when the schema is built.
    private static JsonSchema Build(string main, params string[] referenced)
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        foreach (var file in referenced)
        {
            options.SchemaRegistry.Register(JsonSchema.FromText(System.Text.Encoding.UTF8.GetString(Read(file)), options));
        }

        return JsonSchema.FromText(System.Text.Encoding.UTF8.GetString(Read(main)), options);
    }
}
