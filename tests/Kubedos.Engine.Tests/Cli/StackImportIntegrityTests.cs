using System.Text.Json.Nodes;
using Kubedos.Engine.Cli;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Cli;

/// <summary><c>stack import</c> refuses a damaged or foreign checkpoint (Pulumi's snapshot integrity check), and a forced one is refused at load, never walked.</summary>
public sealed class StackImportIntegrityTests
{
    // Operations on a damaged state must end; a hang fails the test instead of the run.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static async Task<(CliProject Project, JsonObject Deployment)> UpWithAGroupAsync()
    {
        var p = new CliProject();
        await p.RunOkAsync("stack", "init", "dev");
        p.Program(s => _ = new Group("g", "x"));
        await p.RunOkAsync("up", "--yes");
        var exported = Path.Combine(p.Dir, "export.json");
        await p.RunOkAsync("stack", "export", "--file", exported);
        return (p, JsonNode.Parse(File.ReadAllText(exported))!.AsObject());
    }

    private static JsonObject Resource(JsonObject deployment, string name) =>
        deployment["deployment"]!["resources"]!.AsArray().Select(r => r!.AsObject()).Single(r => r["urn"]!.GetValue<string>().EndsWith("::" + name, StringComparison.Ordinal));

    private static string Write(CliProject p, JsonObject deployment)
    {
        var path = Path.Combine(p.Dir, "broken.json");
        File.WriteAllText(path, deployment.ToJsonString());
        return path;
    }

    [Fact]
    public async Task Import_ParentCycle_RefusedNamingUrnAndRule_StateUnchanged()
    {
        var (p, deployment) = await UpWithAGroupAsync();
        using var _ = p;
        var group = Resource(deployment, "g");
        group["parent"] = Resource(deployment, "g-a")["urn"]!.GetValue<string>();
        var before = File.ReadAllText(Path.Combine(p.Dir, ".kubedos", "stacks", "demo", "dev.json"));

        var code = await p.RunAsync("stack", "import", "--file", Write(p, deployment), "--yes");

        Assert.Equal(EngineExitCodes.StateError, code);
        Assert.Contains("snapshot integrity failure", p.Error, StringComparison.Ordinal);
        Assert.Contains("parent-cycle", p.Error, StringComparison.Ordinal);
        Assert.Contains(group["urn"]!.GetValue<string>(), p.Error, StringComparison.Ordinal);
        Assert.Contains("--force", p.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(p.Dir, ".kubedos", "stacks", "demo", "dev.json")));
    }

    [Theory]
    [InlineData("other-stack")]
    [InlineData("other-project")]
    [InlineData("duplicate-urn")]
    [InlineData("missing-id")]
    [InlineData("type-mismatch")]
    [InlineData("dangling-dependency")]
    [InlineData("dangling-property-dependency")]
    [InlineData("missing-provider")]
    public async Task Import_BrokenRule_RefusedNamingTheRule(string rule)
    {
        var (p, deployment) = await UpWithAGroupAsync();
        using var _ = p;
        var resources = deployment["deployment"]!["resources"]!.AsArray();
        var b = Resource(deployment, "g-b");
        var gone = "urn:pulumi:dev::demo::fake:index:Thing::gone";
        switch (rule)
        {
            case "other-stack":
                foreach (var r in resources)
                {
                    r!["urn"] = r["urn"]!.GetValue<string>().Replace("urn:pulumi:dev::", "urn:pulumi:prod::", StringComparison.Ordinal);
                    if (r["parent"] is { } parent)
                    {
                        r["parent"] = parent.GetValue<string>().Replace("urn:pulumi:dev::", "urn:pulumi:prod::", StringComparison.Ordinal);
                    }

                    r.AsObject().Remove("dependencies");
                    r.AsObject().Remove("propertyDependencies");
                }

                break;
            case "other-project":
                b["urn"] = b["urn"]!.GetValue<string>().Replace("::demo::", "::other::", StringComparison.Ordinal);
                break;
            case "duplicate-urn":
                resources.Add(b.DeepClone());
                break;
            case "missing-id":
                b.Remove("id");
                break;
            case "type-mismatch":
                b["type"] = "fake:index:Other";
                break;
            case "dangling-dependency":
                b["dependencies"] = new JsonArray(gone);
                break;
            case "dangling-property-dependency":
                b["propertyDependencies"] = new JsonObject { ["value"] = new JsonArray(gone) };
                break;
            case "missing-provider":
                b["provider"] = "urn:pulumi:dev::demo::pulumi:providers:fake::mine::6f1c0a4e";
                break;
        }

        var code = await p.RunAsync("stack", "import", "--file", Write(p, deployment), "--yes");

        Assert.Equal(EngineExitCodes.StateError, code);
        Assert.Contains($": {rule}: ", p.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_UnknownVersion_Refused()
    {
        var (p, deployment) = await UpWithAGroupAsync();
        using var _ = p;
        deployment["version"] = 4;

        var code = await p.RunAsync("stack", "import", "--file", Write(p, deployment), "--yes");

        Assert.Equal(EngineExitCodes.StateError, code);
        Assert.Contains("version 4 is not supported", p.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ForcedParentCycle_GraphAndPreviewFailNamingTheUrn_ExportStillWorks()
    {
        var (p, deployment) = await UpWithAGroupAsync();
        using var _ = p;
        var group = Resource(deployment, "g");
        group["parent"] = Resource(deployment, "g-a")["urn"]!.GetValue<string>();
        await p.RunOkAsync("stack", "import", "--file", Write(p, deployment), "--yes", "--force");

        var graph = await p.RunAsync("graph", "--format", "json").WaitAsync(Patience);
        var preview = await p.RunAsync("preview").WaitAsync(Patience);
        var up = await p.RunAsync("up", "--yes").WaitAsync(Patience);

        Assert.Equal([EngineExitCodes.StateError, EngineExitCodes.StateError, EngineExitCodes.StateError], new[] { graph, preview, up });
        Assert.Contains($"{group["urn"]!.GetValue<string>()}: parent-cycle", p.Error, StringComparison.Ordinal);
        Assert.Equal(0, await p.RunAsync("stack", "export", "--file", Path.Combine(p.Dir, "again.json")));
    }

    [Fact]
    public async Task Rm_ForcedDamagedState_RemovesTheStack()
    {
        var (p, deployment) = await UpWithAGroupAsync();
        using var _ = p;
        Resource(deployment, "g")["parent"] = Resource(deployment, "g-a")["urn"]!.GetValue<string>();
        await p.RunOkAsync("stack", "import", "--file", Write(p, deployment), "--yes", "--force");

        await p.RunOkAsync("stack", "rm", "--force", "--yes");

        Assert.False(File.Exists(Path.Combine(p.Dir, ".kubedos", "stacks", "demo", "dev.json")));
    }
}
