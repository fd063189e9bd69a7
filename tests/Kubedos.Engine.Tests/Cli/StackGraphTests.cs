using Kubedos.Engine.Cli;
using Kubedos.Engine.Model;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Tests.Cli;

public sealed class StackGraphTests
{
    private static readonly Urn Root = Urn.Create("dev", "demo", string.Empty, Urn.RootStackType, "demo-dev");
    private static readonly Urn Trust = Urn.Create("dev", "demo", string.Empty, "kubedos:components:Trust", "trust");
    private static readonly Urn Ca = Urn.Create("dev", "demo", "kubedos:components:Trust", "tls:index:PrivateKey", "ca");
    private static readonly Urn Planes = Urn.Create("dev", "demo", string.Empty, "kubedos:components:Planes", "planes");
    private static readonly Urn Key = Urn.Create("dev", "demo", "kubedos:components:Planes", "wireguard:index:Key", "wg1");
    private static readonly Urn Loose = Urn.Create("dev", "demo", string.Empty, "random:index:Id", "id");

    private static readonly ResourceState[] Resources =
    [
        new(Root, Urn.RootStackType, false),
        new(Trust, "kubedos:components:Trust", false) { Parent = Root },
        new(Ca, "tls:index:PrivateKey", true) { Parent = Trust },
        new(Planes, "kubedos:components:Planes", false) { Parent = Root, Dependencies = [Trust] },
        new(Key, "wireguard:index:Key", true) { Parent = Planes, Dependencies = [Ca, Loose] },
        new(Loose, "random:index:Id", true) { Parent = Root },
    ];

    [Fact]
    public void From_Collapsed_FoldsResourcesIntoTopLevelComponents()
    {
        var graph = StackGraph.From(Resources, collapse: true);

        Assert.Equal([Trust, Planes, Loose], graph.Nodes.Select(n => n.Urn));
        Assert.Equal([1, 1, 0], graph.Nodes.Select(n => n.Collapsed));
        Assert.Equal(new (Urn, Urn)[] { (Trust, Planes), (Loose, Planes) }, graph.Edges.Select(e => (e.From, e.To)).ToArray());
    }

    [Fact]
    public void From_Full_KeepsEveryResource()
    {
        var graph = StackGraph.From(Resources, collapse: false);

        Assert.Equal(5, graph.Nodes.Length);
        Assert.Equal(new (Urn, Urn)[] { (Trust, Planes), (Ca, Key), (Loose, Key) }, graph.Edges.Select(e => (e.From, e.To)).ToArray());
    }

    [Fact]
    public void ToMermaid_WritesFlowchart()
    {
        var text = StackGraph.From(Resources, collapse: true).ToMermaid();

        Assert.Equal(
            "flowchart LR\n"
            + "  n0[\"trust\nkubedos:components:Trust (+1)\"]\n"
            + "  n1[\"planes\nkubedos:components:Planes (+1)\"]\n"
            + "  n2[\"id\nrandom:index:Id\"]\n"
            + "  n0 --> n1\n"
            + "  n2 --> n1\n",
            text);
    }

    [Fact]
    public void ToDot_WritesDigraphWithUrns()
    {
        var text = StackGraph.From(Resources, collapse: true).ToDot();

        Assert.StartsWith("digraph stack {", text, StringComparison.Ordinal);
        Assert.Contains($"\"{Trust.Value}\" -> \"{Planes.Value}\";", text, StringComparison.Ordinal);
        Assert.Contains("style=rounded", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_ListsNodesAndEdges()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(StackGraph.From(Resources, collapse: true).ToJson())!;

        Assert.Equal(3, json["nodes"]!.AsArray().Count);
        Assert.Equal(Trust.Value, json["edges"]![0]!["from"]!.GetValue<string>());
    }

    [Fact]
    public async Task From_ParentCycleAndDuplicateUrn_Terminates()
    {
        // Loading refuses such a state; the walk must end anyway.
        ResourceState[] damaged =
        [
            new(Trust, "kubedos:components:Trust", false) { Parent = Planes },
            new(Planes, "kubedos:components:Planes", false) { Parent = Trust },
            new(Ca, "tls:index:PrivateKey", true) { Parent = Trust },
            new(Ca, "tls:index:PrivateKey", true) { Parent = Trust },
        ];

        var graph = await Task.Run(() => StackGraph.From(damaged, collapse: true)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.DoesNotContain(graph.Nodes, n => n.Urn == Ca);
    }
}
