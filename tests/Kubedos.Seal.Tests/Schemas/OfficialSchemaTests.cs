using System.Security.Cryptography;
using Kubedos.Seal.Schemas;

namespace Kubedos.Seal.Tests.Schemas;

public sealed class OfficialSchemaTests
{
    // The SHA-256 of each file as published at the commits seal/Schemas/SOURCES.md names.
    [Theory]
    [InlineData("bom-1.6.schema.json", "18f57f7482593bad9f21b4feed09084640cbeff419d62ad5090c5ceccca5b37d")]
    [InlineData("spdx.schema.json", "ea6e844ee6fba1e93473d94834d0ee0996970533497935f932f73d488ffdf4a3")]
    [InlineData("jsf-0.82.schema.json", "8bae002c25e723db7ee1f26afde680ae1a2b1a8f6b4b4b0fd65dc3becb090aae")]
    [InlineData("spdx-2.3.schema.json", "239208b7ac287b3cf5d9a9af23f9d69863971102a5e1587a27a398b43490b89b")]
    public void Read_VendoredSchema_IsThePublishedFileUnedited(string file, string sha256)
    {
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(OfficialSchemas.Read(file))));
    }

    [Fact]
    public void ValidateCycloneDx_LicenceIdOutsideTheSpdxList_Invalid()
    {
        // The licence id enum lives in spdx.schema.json: this fails only if the reference resolved.
        var bom = """{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"x","licenses":[{"license":{"id":"Not-A-Licence"}}]}]}"""u8;
        var good = """{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"x","licenses":[{"license":{"id":"MIT"}}]}]}"""u8;

        Assert.NotEmpty(OfficialSchemas.ValidateCycloneDx(bom));
        Assert.Empty(OfficialSchemas.ValidateCycloneDx(good));
    }

    [Fact]
    public void Validate_NotJson_OneFinding()
    {
        Assert.Single(OfficialSchemas.ValidateSpdx("{"u8));
    }
}
