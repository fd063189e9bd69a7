using System.Text.Json.Nodes;
using Kubedos.Seal.Sbom;
using Kubedos.Seal.Schemas;

namespace Kubedos.Seal.Tests.Sbom;

public sealed class CycloneDxWriterTests
{
    [Fact]
    public void Write_DebianAndNuGet_ValidAgainstTheOfficialSchema()
    {
        Assert.Empty(OfficialSchemas.ValidateCycloneDx(CycloneDxWriter.Write(SampleBoms.Debian())));
        Assert.Empty(OfficialSchemas.ValidateCycloneDx(CycloneDxWriter.Write(SampleBoms.NuGet())));
    }

    [Theory]
    [InlineData("bomFormat")]
    [InlineData("specVersion")]
    public void Validate_RequiredFieldDropped_Invalid(string field)
    {
        var bom = JsonNode.Parse(CycloneDxWriter.Write(SampleBoms.Debian()))!.AsObject();
        bom.Remove(field);

        Assert.NotEmpty(OfficialSchemas.ValidateCycloneDx(System.Text.Encoding.UTF8.GetBytes(bom.ToJsonString())));
    }

    [Fact]
    public void Validate_ComponentWithoutName_InvalidAtThatComponent()
    {
        var bom = JsonNode.Parse(CycloneDxWriter.Write(SampleBoms.Debian()))!.AsObject();
        bom["components"]![0]!.AsObject().Remove("name");

        var findings = OfficialSchemas.ValidateCycloneDx(System.Text.Encoding.UTF8.GetBytes(bom.ToJsonString()));

        Assert.Contains(findings, f => f.InstanceLocation == "/components/0");
    }

    [Fact]
    public void Validate_UppercaseSerialNumberOrUnknownKey_Invalid()
    {
        var bom = JsonNode.Parse(CycloneDxWriter.Write(SampleBoms.Debian()))!.AsObject();
        bom["serialNumber"] = bom["serialNumber"]!.GetValue<string>().ToUpperInvariant().Replace("URN:UUID:", "urn:uuid:", StringComparison.Ordinal);
        Assert.NotEmpty(OfficialSchemas.ValidateCycloneDx(System.Text.Encoding.UTF8.GetBytes(bom.ToJsonString())));

        var extra = JsonNode.Parse(CycloneDxWriter.Write(SampleBoms.Debian()))!.AsObject();
        extra["licence"] = "MIT";
        Assert.NotEmpty(OfficialSchemas.ValidateCycloneDx(System.Text.Encoding.UTF8.GetBytes(extra.ToJsonString())));
    }

    [Fact]
    public void Write_EveryComponentInDependencies_WithPurlHashAndDeclaredLicence()
    {
        var bom = JsonNode.Parse(CycloneDxWriter.Write(SampleBoms.Debian()))!;
        var refs = bom["dependencies"]!.AsArray().Select(d => d!["ref"]!.GetValue<string>()).ToList();
        var ssh = bom["components"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "openssh-server")!;

        Assert.Equal(["kubedos-subject:lab-node-software@lab-01", .. bom["components"]!.AsArray().Select(c => c!["bom-ref"]!.GetValue<string>())], refs);
        Assert.Equal("pkg:deb/debian/openssh-server@1:9.2p1-2%2Bdeb12u3?arch=amd64", ssh["purl"]!.GetValue<string>());
        Assert.Equal("SHA-256", ssh["hashes"]![0]!["alg"]!.GetValue<string>());
        // Declared without SPDX ids: named as written, never mapped by guess.
        Assert.Equal(["BSD-2-clause", "public-domain"], ssh["licenses"]!.AsArray().Select(l => l!["license"]!["name"]!.GetValue<string>()));
        Assert.Null(bom["components"]![0]!["licenses"]);
    }

    [Fact]
    public void Write_SameBill_SameBytes()
    {
        Assert.Equal(CycloneDxWriter.Write(SampleBoms.Debian()), CycloneDxWriter.Write(SampleBoms.Debian()));
    }

    [Fact]
    public void Write_DependencyOnAnAbsentRef_ArgumentExceptionNamesIt()
    {
        var bom = SampleBoms.Debian() with { DirectDependencies = ["pkg:deb/debian/ghost@1?arch=amd64"] };

        var e = Assert.Throws<ArgumentException>(() => CycloneDxWriter.Write(bom));

        Assert.Contains("pkg:deb/debian/ghost@1?arch=amd64", e.Message, StringComparison.Ordinal);
    }
}
