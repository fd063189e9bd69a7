using System.Text.Json.Nodes;
using Kubedos.Seal.Sbom;
using Kubedos.Seal.Schemas;

namespace Kubedos.Seal.Tests.Sbom;

public sealed class SpdxWriterTests
{
    [Fact]
    public void Write_DebianAndNuGet_ValidAgainstTheOfficialSchema()
    {
        Assert.Empty(OfficialSchemas.ValidateSpdx(SpdxWriter.Write(SampleBoms.Debian())));
        Assert.Empty(OfficialSchemas.ValidateSpdx(SpdxWriter.Write(SampleBoms.NuGet())));
    }

    [Theory]
    [InlineData("spdxVersion")]
    [InlineData("SPDXID")]
    [InlineData("creationInfo")]
    [InlineData("name")]
    [InlineData("dataLicense")]
    public void Validate_RequiredFieldDropped_Invalid(string field)
    {
        var doc = JsonNode.Parse(SpdxWriter.Write(SampleBoms.Debian()))!.AsObject();
        doc.Remove(field);

        Assert.NotEmpty(OfficialSchemas.ValidateSpdx(System.Text.Encoding.UTF8.GetBytes(doc.ToJsonString())));
    }

    [Fact]
    public void Validate_PackageWithoutSpdxId_Invalid()
    {
        var doc = JsonNode.Parse(SpdxWriter.Write(SampleBoms.Debian()))!.AsObject();
        doc["packages"]![1]!.AsObject().Remove("SPDXID");

        Assert.NotEmpty(OfficialSchemas.ValidateSpdx(System.Text.Encoding.UTF8.GetBytes(doc.ToJsonString())));
    }

    [Fact]
    public void Write_LicencesAndRelationships_AsDeclared()
    {
        var doc = JsonNode.Parse(SpdxWriter.Write(SampleBoms.NuGet()))!;
        var packages = doc["packages"]!.AsArray();
        var yaml = packages.Single(p => p!["name"]!.GetValue<string>() == "YamlDotNet")!;
        var pki = packages.Single(p => p!["name"]!.GetValue<string>() == "Kubedos.Pki")!;
        var relationships = doc["relationships"]!.AsArray().Select(r => $"{r!["spdxElementId"]} {r["relationshipType"]} {r["relatedSpdxElement"]}").ToList();

        Assert.Equal("MIT", yaml["licenseDeclared"]!.GetValue<string>());
        Assert.Equal("NOASSERTION", yaml["licenseConcluded"]!.GetValue<string>());
        Assert.Equal("NOASSERTION", pki["licenseDeclared"]!.GetValue<string>());
        Assert.Equal("SHA512", yaml["checksums"]![0]!["algorithm"]!.GetValue<string>());
        Assert.Equal("pkg:nuget/YamlDotNet@18.1.0", yaml["externalRefs"]![0]!["referenceLocator"]!.GetValue<string>());
        Assert.Contains("SPDXRef-DOCUMENT DESCRIBES SPDXRef-kubedos-agent", relationships);
        Assert.Contains($"SPDXRef-kubedos-agent DEPENDS_ON {yaml["SPDXID"]}", relationships);
    }
}
