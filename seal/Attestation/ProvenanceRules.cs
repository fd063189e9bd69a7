using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubedos.Seal.Attestation;

/// <summary>
/// The checks an in-toto Statement v1 with a SLSA v1 provenance predicate must pass. in-toto publishes no JSON schema
/// for them, so these are the required fields of its protobuf definitions (statement.proto, resource_descriptor.proto,
/// provenance.proto) and the SLSA v1 specification.
/// </summary>
public static class ProvenanceRules
{
    /// <summary>Every broken rule, as <c>path: what is wrong</c> (empty: the statement holds).</summary>
    public static IReadOnlyList<string> Check(ReadOnlySpan<byte> json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            return [$"/: not JSON: {e.Message}"];
        }

        var faults = new List<string>();
        if (root is not JsonObject statement)
        {
            return ["/: a statement is a JSON object"];
        }

        Expect(statement, "_type", InTotoStatement.Type, faults);
        Expect(statement, "predicateType", SlsaProvenance.PredicateType, faults);
        if (statement["subject"] is not JsonArray subjects || subjects.Count == 0)
        {
            faults.Add("/subject: at least one subject is required");
        }
        else
        {
            for (var i = 0; i < subjects.Count; i++)
            {
                if (subjects[i] is not JsonObject s || s["digest"] is not JsonObject d || d.Count == 0)
                {
                    faults.Add($"/subject/{i}: a subject needs a non-empty digest");
                }
                else if (d["sha256"] is JsonValue v && (!v.TryGetValue(out string? hex) || hex.Length != 64 || !hex.All(char.IsAsciiHexDigitLower)))
                {
                    faults.Add($"/subject/{i}/digest/sha256: 64 lower-case hex digits");
                }
            }
        }

        if (statement["predicate"] is not JsonObject predicate)
        {
            faults.Add("/predicate: required");
            return faults;
        }

        if (predicate["buildDefinition"] is not JsonObject build)
        {
            faults.Add("/predicate/buildDefinition: required");
        }
        else
        {
            NonEmpty(build, "buildType", "/predicate/buildDefinition", faults);
            if (build["externalParameters"] is not JsonObject)
            {
                faults.Add("/predicate/buildDefinition/externalParameters: required (an object)");
            }

            Descriptors(build["resolvedDependencies"], "/predicate/buildDefinition/resolvedDependencies", faults);
        }

        if (predicate["runDetails"] is not JsonObject run || run["builder"] is not JsonObject builder)
        {
            faults.Add("/predicate/runDetails/builder: required");
        }
        else
        {
            NonEmpty(builder, "id", "/predicate/runDetails/builder", faults);
            if (run["metadata"] is JsonObject metadata)
            {
                Timestamp(metadata, "startedOn", faults);
                Timestamp(metadata, "finishedOn", faults);
            }
        }

        return faults;
    }

    private static void Expect(JsonObject o, string name, string value, List<string> faults)
    {
        if (o[name] is not JsonValue v || !v.TryGetValue(out string? text) || text != value)
        {
            faults.Add($"/{name}: must be '{value}'");
        }
    }

    private static void NonEmpty(JsonObject o, string name, string at, List<string> faults)
    {
        if (o[name] is not JsonValue v || !v.TryGetValue(out string? text) || text.Length == 0)
        {
            faults.Add($"{at}/{name}: required (a non-empty string)");
        }
    }

    // A ResourceDescriptor needs at least one of uri, digest, content.
    private static void Descriptors(JsonNode? node, string at, List<string> faults)
    {
        if (node is null)
        {
            return;
        }

        if (node is not JsonArray list)
        {
            faults.Add($"{at}: must be an array");
            return;
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not JsonObject d || (d["uri"] is null && d["digest"] is null && d["content"] is null))
            {
                faults.Add($"{at}/{i}: a resource descriptor needs one of uri, digest, content");
            }
        }
    }

    private static void Timestamp(JsonObject metadata, string name, List<string> faults)
    {
        if (metadata[name] is null)
        {
            return;
        }

        if (metadata[name] is not JsonValue v || !v.TryGetValue(out string? text)
            || !DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            faults.Add($"/predicate/runDetails/metadata/{name}: an RFC 3339 UTC timestamp");
        }
    }
}
