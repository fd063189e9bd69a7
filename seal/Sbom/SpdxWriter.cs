using System.Text;
using System.Text.Json.Nodes;

namespace Kubedos.Seal.Sbom;

/// <summary>Writes a bill of materials as SPDX 2.3 JSON (valid against the official <c>spdx-schema.json</c> of SPDX 2.3).</summary>
public static class SpdxWriter
{
    public const string MediaType = "application/spdx+json";

    private const string NoAssertion = "NOASSERTION";

    public static byte[] Write(SbomDocument bom)
    {
        ArgumentNullException.ThrowIfNull(bom);
        bom.EnsureConsistent();
        var ids = SpdxIds(bom);
        var packages = new JsonArray
        {
            new JsonObject
            {
                ["SPDXID"] = ids[bom.SubjectRef],
                ["name"] = bom.Name,
                ["versionInfo"] = bom.Version,
                ["primaryPackagePurpose"] = bom.Kind == "operating-system" ? "OPERATING_SYSTEM" : "APPLICATION",
                ["downloadLocation"] = NoAssertion,
                ["filesAnalyzed"] = false,
                ["licenseConcluded"] = NoAssertion,
                ["licenseDeclared"] = NoAssertion,
                ["copyrightText"] = NoAssertion,
            },
        };
        foreach (var p in bom.Packages)
        {
            packages.Add(Package(p, ids[p.Ref]));
        }

        var relationships = new JsonArray { Relationship("SPDXRef-DOCUMENT", "DESCRIBES", ids[bom.SubjectRef]) };
        foreach (var d in bom.DirectDependencies)
        {
            relationships.Add(Relationship(ids[bom.SubjectRef], "DEPENDS_ON", ids[d]));
        }

        foreach (var p in bom.Packages)
        {
            foreach (var d in p.DependsOn)
            {
                relationships.Add(Relationship(ids[p.Ref], "DEPENDS_ON", ids[d]));
            }
        }

        var document = new JsonObject
        {
            ["spdxVersion"] = "SPDX-2.3",
            ["dataLicense"] = "CC0-1.0",
            ["SPDXID"] = "SPDXRef-DOCUMENT",
            ["name"] = $"{bom.Name}-{bom.Version}",
            ["documentNamespace"] = $"https://spdx.org/spdxdocs/kubedos-{Sanitise(bom.Name)}-{bom.ContentId("spdx"):D}",
            ["creationInfo"] = new JsonObject
            {
                ["created"] = SealJson.Timestamp(bom.Created),
                ["creators"] = new JsonArray { $"Tool: kubedos-{bom.ToolVersion}" },
                ["comment"] = $"Package facts read from: {bom.Source}",
            },
            ["packages"] = packages,
            ["relationships"] = relationships,
        };
        return SealJson.Serialize(document);
    }

    private static JsonObject Package(SbomPackage p, string id)
    {
        var o = new JsonObject
        {
            ["SPDXID"] = id,
            ["name"] = p.Name,
            ["versionInfo"] = p.Version,
            ["downloadLocation"] = NoAssertion,
            ["filesAnalyzed"] = false,
        };
        var checksums = new JsonArray();
        if (p.Sha256 is not null)
        {
            checksums.Add(new JsonObject { ["algorithm"] = "SHA256", ["checksumValue"] = p.Sha256 });
        }

        if (p.Sha512 is not null)
        {
            checksums.Add(new JsonObject { ["algorithm"] = "SHA512", ["checksumValue"] = p.Sha512 });
        }

        if (checksums.Count > 0)
        {
            o["checksums"] = checksums;
        }

        // Concluded is never claimed (no one analysed the files); declared is the copyright file's own word or NOASSERTION.
        o["licenseConcluded"] = NoAssertion;
        o["licenseDeclared"] = p.Licence.SpdxExpression ?? NoAssertion;
        if (p.Licence.SpdxExpression is null && p.Licence.Declared.Count > 0)
        {
            o["licenseComments"] = "declared in a machine-readable copyright file without exact SPDX ids: " + string.Join("; ", p.Licence.Declared);
        }

        o["copyrightText"] = NoAssertion;
        if (p.Purl is not null)
        {
            o["externalRefs"] = new JsonArray
            {
                new JsonObject { ["referenceCategory"] = "PACKAGE-MANAGER", ["referenceType"] = "purl", ["referenceLocator"] = p.Purl },
            };
        }

        return o;
    }

    private static JsonObject Relationship(string from, string type, string to) =>
        new() { ["spdxElementId"] = from, ["relationshipType"] = type, ["relatedSpdxElement"] = to };

    // SPDXRef- ids allow letters, digits, '.' and '-': the package's position keeps two spellings that sanitise alike apart.
    private static Dictionary<string, string> SpdxIds(SbomDocument bom)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal) { [bom.SubjectRef] = "SPDXRef-" + Sanitise(bom.Name) };
        for (var i = 0; i < bom.Packages.Count; i++)
        {
            var p = bom.Packages[i];
            ids[p.Ref] = $"SPDXRef-Package-{i + 1}-{Sanitise(p.Name)}";
        }

        return ids;
    }

    private static string Sanitise(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            result.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-');
        }

        return result.ToString();
    }
}
