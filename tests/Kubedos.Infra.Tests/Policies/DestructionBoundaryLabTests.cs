using System.Diagnostics;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Infra.Tests.Lab;
using Kubedos.Policies;
using Kubedos.Providers.Local;
using Kubedos.Spec.Validation;
using Kubedos.Testing;

namespace Kubedos.Infra.Tests.Policies;

/// <summary>
/// The destruction boundary on the real local lab: nodes are network namespaces made by the real
/// <c>local:lab:Node</c> provider. The program registers the spec facts and one node per inventory entry
/// at its spec line (the contract of policies/README.md), on its own stack and underlay so it never
/// meets another lab test's namespaces or routes.
/// </summary>
[Collection(nameof(LabCollection))]
public sealed class DestructionBoundaryLabTests : IAsyncLifetime
{
    // A stack name of this test run only (LabProject.StackName): never a lab of the checkout's.
    private static readonly string Stack = LabProject.StackName("pgate");
    private const string Underlay = "10.250.77.0/24";

    private readonly string directory = Directory.CreateTempSubdirectory("kubedos-pgate-").FullName;
    private readonly List<EngineEvent> events = [];

    // The state's own lab id, as the Kubedos program keeps one in a random:index:RandomId.
    private readonly string labOwner = "pgate-" + Guid.NewGuid().ToString("N")[..12];
    private string SpecFile => Path.Combine(directory, "lab-01.yaml");

    public Task InitializeAsync() => Task.CompletedTask;

    [LabFact("ip")]
    public async Task UpAsync_LabNodeRemovedWithAllowDestroyFalse_LeavesEveryNamespaceAndTheCheckpoint()
    {
        File.WriteAllText(SpecFile, Spec(allowDestroy: false, withW1: true));
        var stack = await Workspace().CreateOrSelectStackAsync(Stack);
        await stack.UpAsync(Options());
        var namespaces = (await stack.GetCheckpointAsync()).Resources
            .Where(r => r.Type == "local:lab:Node").Select(r => r.Outputs["namespace"].AsString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(4, namespaces.Count);
        Assert.All(namespaces, ns => Assert.Contains(ns, NetworkNamespaces()));
        var before = (await stack.GetCheckpointAsync()).Resources.Select(r => $"{r.Urn} {r.Id} {r.Inputs} {r.Outputs}").ToList();

        File.WriteAllText(SpecFile, Spec(allowDestroy: false, withW1: false));
        events.Clear();
        await Assert.ThrowsAsync<UpdateFailedException>(() => stack.PreviewAsync(Options()));
        var reported = Assert.Single(events.OfType<PolicyEvent>());
        Assert.Equal(DestructionBoundaryPolicy.Id, reported.PolicyName);
        Assert.StartsWith($"delete of urn:pulumi:{Stack}::kubedos::local:lab:Node::w-1 needs spec.substrate.allowDestroy: true", reported.Message, StringComparison.Ordinal);
        Assert.Equal(SpecFile, reported.Source!.File);

        var up = await Assert.ThrowsAsync<UpdateFailedException>(() => stack.UpAsync(Options()));

        Assert.Contains("nothing was changed", up.Message, StringComparison.Ordinal);
        Assert.All(namespaces, ns => Assert.Contains(ns, NetworkNamespaces()));
        Assert.Equal(before, (await stack.GetCheckpointAsync()).Resources.Select(r => $"{r.Urn} {r.Id} {r.Inputs} {r.Outputs}").ToList());
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (File.Exists(SpecFile))
            {
                // Leave nothing on the host. A destroy is judged by the flag the stack last recorded, so
                // allowing it takes an up with allowDestroy: true first, as a person would do.
                File.WriteAllText(SpecFile, Spec(allowDestroy: true, withW1: true));
                var stack = await Workspace().CreateOrSelectStackAsync(Stack);
                await stack.UpAsync();
                await stack.DestroyAsync();
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Spec(bool allowDestroy, bool withW1)
    {
        var text = RepositoryFiles.Read("stacks/lab-01.yaml")
            .Replace("allowDestroy: true", $"allowDestroy: {(allowDestroy ? "true" : "false")}", StringComparison.Ordinal)
            .Replace("underlayCidr: 10.250.1.0/24", $"underlayCidr: {Underlay}", StringComparison.Ordinal);
        return withW1 ? text : string.Join('\n', text.Split('\n').Where(l => !l.Contains("name: w-1,", StringComparison.Ordinal) && !l.Contains("name: delete-worker,", StringComparison.Ordinal)));
    }

    private static List<string> NetworkNamespaces()
    {
        using var ip = Process.Start(new ProcessStartInfo("ip", ["netns", "list"]) { RedirectStandardOutput = true })!;
        var text = ip.StandardOutput.ReadToEnd();
        ip.WaitForExit();
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0])];
    }

    private UpdateOptions Options() => new() { OnEvent = e => { lock (events) { events.Add(e); } } };

    private Workspace Workspace() => Kubedos.Engine.Automation.Workspace.Create(new WorkspaceOptions
    {
        ProjectName = "kubedos",
        WorkDir = directory,
        Providers = ProviderRegistry.Of(LocalProvider.Create()),
        Program = StackProgram.Create(s =>
        {
            var loaded = SpecValidator.ValidateFile(SpecFile);
            Assert.True(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
            var spec = loaded.Document!.Spec;
            SpecFacts.Register(spec, loaded.Sources);
            var underlay = new UnderlayResource("underlay", new UnderlayResourceArgs { Cidr = Underlay, LabOwner = labOwner, LabOwnerProject = directory });
            for (var i = 0; i < spec.Nodes.Inventory.Count; i++)
            {
                var node = spec.Nodes.Inventory[i];
                _ = new NodeResource(node.Name, new NodeResourceArgs { Name = node.Name, Address = $"10.250.77.{node.Index}", UnderlayCidr = underlay.Cidr, LabOwner = underlay.LabOwner }, new ResourceOptions
                {
                    SourcePosition = SpecFacts.Locate(loaded.Sources, $"spec.nodes.inventory[{i}]"),
                });
            }

            return new Dictionary<string, object?>();
        }),
        PolicyPacks = [KubedosPolicyPack.Create()],
        Environment = _ => null,
    });
}
