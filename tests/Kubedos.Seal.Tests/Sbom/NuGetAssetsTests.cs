using Kubedos.Seal.Sbom;
using Kubedos.Seal.Schemas;

namespace Kubedos.Seal.Tests.Sbom;

public sealed class NuGetAssetsTests
{
    private const string Assets = """
        {
          "version": 3,
          "targets": {
            "net10.0": {
              "JsonSchema.Net/8.0.5": { "type": "package", "dependencies": { "JsonPointer.Net": "6.0.1" } },
              "JsonPointer.Net/6.0.1": { "type": "package", "dependencies": { "Json.More.Net": "2.2.0" } },
              "Json.More.Net/2.2.0": { "type": "package" },
              "Kubedos.Pki/1.0.0": { "type": "project", "framework": ".NETCoreApp,Version=v10.0" }
            }
          },
          "libraries": {
            "JsonSchema.Net/8.0.5": { "sha512": "AAEC", "type": "package", "path": "jsonschema.net/8.0.5" },
            "JsonPointer.Net/6.0.1": { "sha512": "AwQF", "type": "package", "path": "jsonpointer.net/6.0.1" },
            "Json.More.Net/2.2.0": { "sha512": "BgcI", "type": "package", "path": "json.more.net/2.2.0" },
            "Kubedos.Pki/1.0.0": { "type": "project", "path": "../pki/Kubedos.Pki.csproj", "msbuildProject": "../pki/Kubedos.Pki.csproj" }
          },
          "project": {
            "restore": { "frameworks": { "net10.0": { "targetAlias": "net10.0", "projectReferences": { "/src/pki/Kubedos.Pki.csproj": { "projectPath": "/src/pki/Kubedos.Pki.csproj" } } } } },
            "frameworks": { "net10.0": { "targetAlias": "net10.0", "dependencies": { "JsonSchema.Net": { "target": "Package", "version": "[8.0.5, )" } } } }
          }
        }
        """;

    [Fact]
    public void Closure_EveryPackageAndProject_WithPurlSha512AndEdges()
    {
        var packages = NuGetAssets.Closure(Assets, out var direct, out var framework);

        Assert.Equal("net10.0", framework);
        Assert.Equal(["pkg:nuget/JsonSchema.Net@8.0.5", "project:Kubedos.Pki@1.0.0"], direct);
        Assert.Equal(4, packages.Count);
        var schema = packages.Single(p => p.Name == "JsonSchema.Net");
        Assert.Equal("pkg:nuget/JsonSchema.Net@8.0.5", schema.Purl);
        Assert.Equal("000102", schema.Sha512);
        Assert.Equal(["pkg:nuget/JsonPointer.Net@6.0.1"], schema.DependsOn);
        Assert.Null(packages.Single(p => p.Name == "Kubedos.Pki").Purl);
    }

    [Fact]
    public void Closure_UnresolvedDependency_FormatExceptionNamesIt()
    {
        var broken = Assets.Replace("\"Json.More.Net/2.2.0\": { \"type\": \"package\" },", string.Empty, StringComparison.Ordinal);

        var e = Assert.Throws<FormatException>(() => NuGetAssets.Closure(broken, out _, out _));

        Assert.Contains("Json.More.Net", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Closure_ThisTestProjectsOwnAssets_ValidSboms()
    {
        // The assets file restore wrote for this very project (obj/ beside bin/).
        var assets = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "obj", "project.assets.json"));
        var packages = NuGetAssets.Closure(File.ReadAllText(assets), out var direct, out _);
        var bom = new SbomDocument("kubedos-seal-tests", "1.0.0", "application", DateTimeOffset.UnixEpoch, "test", packages, direct, assets);

        Assert.Contains(packages, p => p.Purl == "pkg:nuget/JsonSchema.Net@8.0.5" && p.Sha512 is { Length: 128 });
        Assert.Contains("project:Kubedos.Seal@1.0.0", direct);
        Assert.Empty(OfficialSchemas.ValidateCycloneDx(CycloneDxWriter.Write(bom)));
        Assert.Empty(OfficialSchemas.ValidateSpdx(SpdxWriter.Write(bom)));
    }
}
