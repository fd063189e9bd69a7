using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using Kubedos.Engine.Model;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Cli;

/// <summary>The stack's resource graph for <c>kubedos graph</c>: nodes and "must exist before" edges, optionally collapsed to components.</summary>
/// <remarks>
/// Collapsed, every resource folds into its top-level component (a child of the stack that is
/// not a custom resource), so the graph shows the stages and how they depend on each other;
/// resources directly under the stack stay as they are. An edge <c>A -&gt; B</c> means B depends on A.
/// </remarks>
internal sealed record StackGraph(ImmutableArray<StackGraph.Node> Nodes, ImmutableArray<(Urn From, Urn To)> Edges)
{
    internal static StackGraph From(IEnumerable<ResourceState> resources, bool collapse)
    {
        // One node per URN, even in a state holding a URN twice.
        var live = resources.Where(r => !r.Delete && r.Type != Urn.RootStackType).DistinctBy(r => r.Urn).ToArray();
        var byUrn = live.ToDictionary(r => r.Urn);
        Urn Representative(ResourceState resource)
        {
            if (!collapse)
            {
                return resource.Urn;
            }

            // Walk up to the outermost component below the stack. The walk stops at a resource it has
            // seen, so even a state with a parent cycle (which loading refuses) cannot make it loop.
            var top = resource;
            var seen = new HashSet<Urn> { resource.Urn };
            for (var current = resource; current.Parent is { } parent && seen.Add(parent) && byUrn.TryGetValue(parent, out var up);)
            {
                current = up;
                if (!current.Custom)
                {
                    top = current;
                }
            }

            return top.Urn;
        }

        var representative = live.ToDictionary(r => r.Urn, Representative);
        var nodes = live
            .Where(r => representative[r.Urn] == r.Urn)
            .Select(r => new Node(r.Urn, r.Type, r.Urn.Name, r.Custom, live.Count(x => representative[x.Urn] == r.Urn) - 1))
            .ToImmutableArray();
        var edges = new List<(Urn, Urn)>();
        var seen = new HashSet<(Urn, Urn)>();
        foreach (var resource in live)
        {
            var to = representative[resource.Urn];
            foreach (var dependency in resource.Dependencies.Where(byUrn.ContainsKey))
            {
                var from = representative[dependency];
                if (from != to && seen.Add((from, to)))
                {
                    edges.Add((from, to));
                }
            }
        }

        return new StackGraph(nodes, [.. edges]);
    }

    internal string ToMermaid()
    {
        var ids = Ids();
        var text = new StringBuilder("flowchart LR\n");
        foreach (var node in Nodes)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  {ids[node.Urn]}[\"{Escape(node.Label)}\"]\n");
        }

        foreach (var (from, to) in Edges)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  {ids[from]} --> {ids[to]}\n");
        }

        return text.ToString();
    }

    internal string ToDot()
    {
        var text = new StringBuilder("digraph stack {\n  rankdir=LR;\n  node [shape=box];\n");
        foreach (var node in Nodes)
        {
            var shape = node.Custom ? string.Empty : ", style=rounded";
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  \"{Escape(node.Urn.Value)}\" [label=\"{Escape(node.Label)}\"{shape}];\n");
        }

        foreach (var (from, to) in Edges)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  \"{Escape(from.Value)}\" -> \"{Escape(to.Value)}\";\n");
        }

        return text.Append("}\n").ToString();
    }

    internal string ToJson() => new JsonObject
    {
        ["nodes"] = new JsonArray([.. Nodes.Select(n => (JsonNode)new JsonObject
        {
            ["urn"] = n.Urn.Value,
            ["type"] = n.Type,
            ["name"] = n.Name,
            ["custom"] = n.Custom,
            ["collapsed"] = n.Collapsed,
        })]),
        ["edges"] = new JsonArray([.. Edges.Select(e => (JsonNode)new JsonObject { ["from"] = e.From.Value, ["to"] = e.To.Value })]),
    }.ToJsonString();

    private Dictionary<Urn, string> Ids() =>
        Nodes.Select((n, i) => (n.Urn, Id: $"n{i}")).ToDictionary(x => x.Urn, x => x.Id);

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    /// <summary>A node: a resource, or a component standing for <see cref="Collapsed"/> resources below it.</summary>
    internal sealed record Node(Urn Urn, string Type, string Name, bool Custom, int Collapsed)
    {
        internal string Label => Collapsed > 0 ? $"{Name}\n{Type} (+{Collapsed})" : $"{Name}\n{Type}";
    }
}
