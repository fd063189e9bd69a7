using Kubedos.Components.Seal;
using Kubedos.Components.Substrate;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Model;
using Kubedos.Engine.Testing;

namespace Kubedos.Infra.Tests.Components.Seal;

/// <summary>The seal stage in memory (no project, backend or lab): a preview writes nothing, an up writes the bundle it names.</summary>
public sealed class SealWiringTests
{
    private static Task<DeploymentTestResult> RunAsync(SealWorkspace w, bool preview) =>
        DeploymentTest.RunAsync(
            StackProgram.Create(stack =>
            {
                _ = new BundleSeal("seal", new SealArgs
                {
                    Stack = "lab-01",
                    Cluster = "lab",
                    SpecFile = w.SpecFile,
                    OutDirectory = w.Out,
                    ProjectDirectory = w.Root,
                    Material = w.Material,
                    AcceptanceReport = Output.Create(SealWorkspace.Report),
                    NodeSoftware = NodeSoftwareSource.LabHost,
                    Agent = NodeSoftware.Read(Path.Combine(w.Root, "agent"), ["kubedos-agent.dll"]),
                });
            }),
            Mocks.From(MockResourceResult.EchoInputs),
            new TestOptions { ProjectName = "kubedos", StackName = "lab-01", IsPreview = preview });

    [Fact]
    public async Task Seal_Preview_WritesNothing()
    {
        using var w = new SealWorkspace();

        var result = await RunAsync(w, preview: true);

        Assert.Null(result.ProgramError);
        Assert.False(Directory.Exists(w.Bundle));
        Assert.Equal("not sealed yet", result.Single(BundleSeal.TypeToken, "seal").Outputs["manifestSha256"].AsString());
    }

    [Fact]
    public async Task Seal_Up_WritesTheBundleItsOutputNames_PinButNoKeyInOutputs()
    {
        using var w = new SealWorkspace();

        var result = await RunAsync(w, preview: false);

        Assert.Null(result.ProgramError);
        var seal = result.Single(BundleSeal.TypeToken, "seal");
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(w.Bundle, "manifest.json")))),
            seal.Outputs["manifestSha256"].AsString());
        Assert.Equal(w.Key.Public.KeyId, seal.Outputs["signingKeyPin"].AsString());
        Assert.DoesNotContain("PRIVATE", string.Join(' ', seal.Outputs.Select(o => o.Value.ToString())), StringComparison.Ordinal);
    }
}
