using Kubedos.Engine.Automation;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Engine.State;
using Kubedos.Policies;
using Kubedos.Spec.Validation;

namespace Kubedos.Infra.Tests.Policies;

/// <summary>
/// The issue's end-to-end gate through the engine's automation API: with <c>allowDestroy: false</c>, an <c>up</c>
/// whose plan deletes a lab node (removed from the spec) changes nothing, and <c>preview</c> reports it.
/// The lab node is a stand-in provider of the same type token (<c>local:lab:Node</c>) whose nodes are files,
/// so the test runs without root; the program registers the spec facts and the nodes at their spec lines
/// exactly as policies/README.md asks KubedosStack to.
/// </summary>
public sealed class DestructionBoundaryUpTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("kubedos-boundary-").FullName;
    private readonly string specFile;
    private readonly LabNodeStandInProvider nodes;
    private readonly WorkspaceStack stack;
    private readonly List<EngineEvent> events = [];

    public DestructionBoundaryUpTests()
    {
        specFile = Path.Combine(directory, "lab-01.yaml");
        Directory.CreateDirectory(Path.Combine(directory, "nodes"));
        nodes = new LabNodeStandInProvider(Path.Combine(directory, "nodes"));
        var workspace = Workspace.Create(new WorkspaceOptions
        {
            ProjectName = "kubedos",
            WorkDir = directory,
            Providers = ProviderRegistry.Of(nodes),
            Program = StackProgram.Create(s =>
            {
                var loaded = SpecValidator.ValidateFile(specFile);
                Assert.True(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
                var spec = loaded.Document!.Spec;
                SpecFacts.Register(spec, loaded.Sources);
                for (var i = 0; i < spec.Nodes.Inventory.Count; i++)
                {
                    _ = new LabNodeStandIn(spec.Nodes.Inventory[i].Name, new ResourceOptions { SourcePosition = SpecFacts.Locate(loaded.Sources, $"spec.nodes.inventory[{i}]") });
                }

                return new Dictionary<string, object?>();
            }),
            PolicyPacks = [KubedosPolicyPack.Create()],
            Environment = _ => null,
        });
        stack = workspace.CreateOrSelectStackAsync("lab-01").GetAwaiter().GetResult();
    }

    private static string Lab01 => RepositoryFiles.Read("stacks/lab-01.yaml");

    private static string WithoutW1(string spec) =>
        string.Join('\n', spec.Split('\n').Where(l => !l.Contains("name: w-1,", StringComparison.Ordinal) && !l.Contains("name: delete-worker,", StringComparison.Ordinal)));

    private static string NoDestroy(string spec) => spec.Replace("allowDestroy: true", "allowDestroy: false", StringComparison.Ordinal);

    [Fact]
    public async Task UpAsync_NodeRemovedFromSpecWithAllowDestroyFalse_ChangesNothingAndPreviewReportsIt()
    {
        File.WriteAllText(specFile, NoDestroy(Lab01));
        await stack.UpAsync(Options());
        Assert.Equal(["cp-1", "cp-2", "cp-3", "w-1"], nodes.Nodes);
        var before = Snapshot(await stack.GetCheckpointAsync());
        var stateFile = Path.Combine(directory, ".kubedos", "stacks", "kubedos", "lab-01.json");
        var stateBytes = await File.ReadAllBytesAsync(stateFile);

        File.WriteAllText(specFile, WithoutW1(NoDestroy(Lab01)));
        events.Clear();
        var preview = await Assert.ThrowsAsync<UpdateFailedException>(() => stack.PreviewAsync(Options()));
        var reported = Assert.Single(events.OfType<PolicyEvent>());
        Assert.Equal(DestructionBoundaryPolicy.Id, reported.PolicyName);
        Assert.Equal("mandatory", reported.EnforcementLevel);
        Assert.Equal($"delete of {NodeUrn("w-1")} needs spec.substrate.allowDestroy: true (it is false)", reported.Message);
        Assert.Equal(specFile, reported.Source!.File);
        Assert.Equal(LineOf("allowDestroy: false"), reported.Source.Line);
        Assert.Contains("kubedos/destruction-boundary", preview.Message, StringComparison.Ordinal);

        events.Clear();
        var up = await Assert.ThrowsAsync<UpdateFailedException>(() => stack.UpAsync(Options()));
        Assert.Contains("nothing was changed", up.Message, StringComparison.Ordinal);
        Assert.Equal(["cp-1", "cp-2", "cp-3", "w-1"], nodes.Nodes);
        Assert.Equal("node w-1\n", await File.ReadAllTextAsync(nodes.NodeFile("w-1")));
        Assert.Equal(before, Snapshot(await stack.GetCheckpointAsync()));
        Assert.Equal(stateBytes, await File.ReadAllBytesAsync(stateFile));
        Assert.DoesNotContain(events.OfType<ResourcePreEvent>(), e => e.Metadata.OpName != "same");
    }

    [Fact]
    public async Task UpAsync_NodeRemovedWithAllowDestroyTrue_DeletesIt()
    {
        File.WriteAllText(specFile, Lab01);
        await stack.UpAsync(Options());
        File.WriteAllText(specFile, WithoutW1(Lab01));

        await stack.UpAsync(Options());

        Assert.Equal(["cp-1", "cp-2", "cp-3"], nodes.Nodes);
        Assert.Empty(events.OfType<PolicyEvent>());
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static Urn NodeUrn(string name) => Urn.Create("lab-01", "kubedos", string.Empty, "local:lab:Node", name);

    private static List<string> Snapshot(Checkpoint checkpoint) =>
        [.. checkpoint.Resources.Select(r => $"{r.Urn} {r.Id} {r.Inputs} {r.Outputs} {r.SourcePosition}")];

    private UpdateOptions Options() => new() { OnEvent = e => { lock (events) { events.Add(e); } } };

    private int LineOf(string text) => Array.FindIndex(File.ReadAllLines(specFile), l => l.Contains(text, StringComparison.Ordinal)) + 1;
}
