using System.Text.Json.Nodes;

namespace Kubedos.Seal.Sbom;

/// <summary>Writes a bill of materials as CycloneDX 1.6 JSON (valid against the official <c>bom-1.6.schema.json</c>).</summary>
public static class CycloneDxWriter
{
    public const string MediaType = "application/vnd.cyclonedx+json";

    public static byte[] Write(SbomDocument bom)
    {
        ArgumentNullException.ThrowIfNull(bom);
        bom.EnsureConsistent();
        var components = new JsonArray();
        var dependencies = new JsonArray
        {
            new JsonObject { ["ref"] = bom.SubjectRef, ["dependsOn"] = Refs(bom.DirectDependencies) },
        };
        foreach (var p in bom.Packages)
        {
            components.Add(Component(p));
            dependencies.Add(new JsonObject { ["ref"] = p.Ref, ["dependsOn"] = Refs(p.DependsOn) });
        }

        var document = new JsonObject
        {
            ["$schema"] = "http://cyclonedx.org/schema/bom-1.6.schema.json",
            ["bomFormat"] = "CycloneDX",
            ["specVersion"] = "1.6",
            ["serialNumber"] = "urn:uuid:" + bom.ContentId("cyclonedx").ToString("D"),
            ["version"] = 1,
            ["metadata"] = new JsonObject
            {
                ["timestamp"] = SealJson.Timestamp(bom.Created),
                ["tools"] = new JsonObject
                {
                    ["components"] = new JsonArray { new JsonObject { ["type"] = "application", ["name"] = "kubedos", ["version"] = bom.ToolVersion } },
                },
                ["component"] = new JsonObject { ["type"] = bom.Kind, ["bom-ref"] = bom.SubjectRef, ["name"] = bom.Name, ["version"] = bom.Version },
                ["properties"] = new JsonArray { new JsonObject { ["name"] = "kubedos:source", ["value"] = bom.Source } },
            },
            ["components"] = components,
            ["dependencies"] = dependencies,
        };
        return SealJson.Serialize(document);
    }

    private static JsonObject Component(SbomPackage p)
    {
        var c = new JsonObject { ["type"] = "library", ["bom-ref"] = p.Ref, ["name"] = p.Name, ["version"] = p.Version };
        var hashes = new JsonArray();
        if (p.Sha256 is not null)
        {
            hashes.Add(new JsonObject { ["alg"] = "SHA-256", ["content"] = p.Sha256 });
        }

        if (p.Sha512 is not null)
        {
            hashes.Add(new JsonObject { ["alg"] = "SHA-512", ["content"] = p.Sha512 });
        }

        if (hashes.Count > 0)
        {
            c["hashes"] = hashes;
        }

        // A licence appears only as declared: the SPDX expression when there is one, else each field by name; nothing otherwise.
        if (p.Licence.SpdxExpression is not null)
        {
            c["licenses"] = new JsonArray { new JsonObject { ["expression"] = p.Licence.SpdxExpression } };
        }
        else if (p.Licence.Declared.Count > 0)
        {
            var names = new JsonArray();
            foreach (var name in p.Licence.Declared)
            {
                names.Add(new JsonObject { ["license"] = new JsonObject { ["name"] = name } });
            }

            c["licenses"] = names;
        }

        if (p.Purl is not null)
        {
            c["purl"] = p.Purl;
        }

        if (p.Properties.Count > 0)
        {
            var properties = new JsonArray();
            foreach (var (name, value) in p.Properties)
            {
                properties.Add(new JsonObject { ["name"] = name, ["value"] = value });
            }

            c["properties"] = properties;
        }

        return c;
    }

    private static JsonArray Refs(IEnumerable<string> refs)
    {
        var list = new JsonArray();
        foreach (var r in refs)
        {
            list.Add(r);
        }

        return list;
    }
}
