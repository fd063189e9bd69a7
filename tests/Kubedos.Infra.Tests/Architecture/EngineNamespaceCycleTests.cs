using System.Text.RegularExpressions;

namespace Kubedos.Infra.Tests.Architecture;

/// <summary>The engine's layers lean one way (engine/README.md): a cycle between two of its namespaces fails here, with its path and the files that make it.</summary>
/// <remarks>
/// Read from the sources: a file of namespace A leans on namespace B when it names a type B declares, through a
/// <c>using</c> or qualified. One cycle is known and listed: resolving it moves <c>SecretAttribute</c>,
/// <c>PropertyMapper</c> and <c>PolicySourceLocation</c> into Model, which changes <c>using</c> lines in providers/,
/// components/ and cli/. When it is gone, this test fails until the list is emptied, so the list never hides a new one.
/// </remarks>
public sealed partial class EngineNamespaceCycleTests
{
    private static readonly string[][] Known =
    [
        ["Kubedos.Engine.Model", "Kubedos.Engine.Policy", "Kubedos.Engine.Providers"],
    ];

    [Fact]
    public void Engine_Namespaces_HaveNoCycleButTheKnownOne()
    {
        var graph = EngineGraph();
        var cycles = Components(graph.Edges.Keys.Concat(graph.Edges.Values.SelectMany(v => v.Keys)).Distinct().Order(StringComparer.Ordinal), graph.Edges)
            .Where(c => c.Count > 1)
            .ToList();

        var unknown = cycles.Where(c => !Known.Any(k => k.SequenceEqual(c.Order(StringComparer.Ordinal)))).ToList();
        Assert.True(unknown.Count == 0, "namespace cycles in engine/:\n" + string.Join("\n", unknown.Select(c => Describe(c, graph.Edges))));

        var resolved = Known.Where(k => !cycles.Any(c => k.SequenceEqual(c.Order(StringComparer.Ordinal)))).ToList();
        Assert.True(resolved.Count == 0, $"the known cycle {string.Join(", ", resolved.Select(r => string.Join(" / ", r)))} is gone: remove it from {nameof(Known)}");
    }

    [Fact]
    public void Graph_OfTheEngine_SeesItsLayers()
    {
        // The reader must see arrows that are there, or the cycle test above could not fail.
        var edges = EngineGraph().Edges;
        Assert.Contains("Kubedos.Engine.Model", edges["Kubedos.Engine.Execution"].Keys);
        Assert.Contains("Kubedos.Engine.Execution", edges["Kubedos.Engine.Automation"].Keys);
        Assert.Contains("Kubedos.Engine.State", edges["Kubedos.Engine.Automation"].Keys);
    }

    private static (Dictionary<string, Dictionary<string, SortedSet<string>>> Edges, int Files) EngineGraph()
    {
        var root = Path.Combine(RepositoryFiles.Root, "engine");
        var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains("/obj/", StringComparison.Ordinal) && !p.Contains("/bin/", StringComparison.Ordinal))
            .Select(p => (Path: Path.GetRelativePath(RepositoryFiles.Root, p), Namespace: NamespaceOf(root, p), Text: Strip(File.ReadAllText(p))))
            .ToList();
        var declared = files
            .SelectMany(f => Declaration().Matches(f.Text).Select(m => (f.Namespace, Type: m.Groups[1].Value)))
            .GroupBy(d => d.Namespace)
            .ToDictionary(g => g.Key, g => g.Select(d => d.Type).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

        var edges = new Dictionary<string, Dictionary<string, SortedSet<string>>>(StringComparer.Ordinal);
        void Add(string from, string to, string why)
        {
            if (from == to)
            {
                return;
            }

            var targets = edges.TryGetValue(from, out var t) ? t : edges[from] = new(StringComparer.Ordinal);
            (targets.TryGetValue(to, out var w) ? w : targets[to] = new(StringComparer.Ordinal)).Add(why);
        }

        foreach (var (path, ns, text) in files)
        {
            var words = Identifier().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
            foreach (var used in Using().Matches(text).Select(m => m.Groups[1].Value).Where(declared.ContainsKey))
            {
                foreach (var type in declared[used].Where(words.Contains).Order(StringComparer.Ordinal).Take(2))
                {
                    Add(ns, used, $"{path}: {type}");
                }
            }

            foreach (var parts in Qualified().Matches(text).Select(m => m.Value.Split('.')))
            {
                for (var k = 1; k < parts.Length; k++)
                {
                    var prefix = string.Join('.', parts[..k]);
                    var target = prefix.StartsWith("Kubedos.Engine", StringComparison.Ordinal) ? prefix : "Kubedos.Engine." + prefix;
                    if (declared.TryGetValue(target, out var types) && types.Contains(parts[k]))
                    {
                        Add(ns, target, $"{path}: {target}.{parts[k]}");
                    }
                }
            }
        }

        return (edges, files.Count);
    }

    /// <summary>Strongly connected namespaces (Tarjan): each set larger than one is a cycle.</summary>
    private static List<List<string>> Components(IEnumerable<string> nodes, Dictionary<string, Dictionary<string, SortedSet<string>>> edges)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<List<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in edges.TryGetValue(v, out var targets) ? targets.Keys.ToList() : [])
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                result.Add(component);
            }
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return result;
    }

    /// <summary>A cycle as a path (<c>A -> B -> A</c>) with the files that make each arrow.</summary>
    private static string Describe(List<string> component, Dictionary<string, Dictionary<string, SortedSet<string>>> edges)
    {
        var inside = component.ToHashSet(StringComparer.Ordinal);
        var arrows = component.Order(StringComparer.Ordinal)
            .SelectMany(from => edges[from].Where(e => inside.Contains(e.Key)).Select(e => $"  {from} -> {e.Key}: {string.Join("; ", e.Value.Take(3))}"));
        return string.Join(" <-> ", component.Order(StringComparer.Ordinal)) + "\n" + string.Join("\n", arrows);
    }

    private static string NamespaceOf(string root, string path)
    {
        var folder = Path.GetRelativePath(root, Path.GetDirectoryName(path)!);
        return folder == "." ? "Kubedos.Engine" : "Kubedos.Engine." + folder.Replace('/', '.');
    }

    // Comments and string literals name no type.
    private static string Strip(string source) => StringLiteral().Replace(LineComment().Replace(source, string.Empty), "\"\"");

    [GeneratedRegex(@"^\s*(?:public|internal)[\w\s]*?\b(?:class|record|interface|enum|struct)\s+([A-Z]\w*)", RegexOptions.Multiline)]
    private static partial Regex Declaration();

    [GeneratedRegex(@"^using (Kubedos\.Engine[\w.]*);", RegexOptions.Multiline)]
    private static partial Regex Using();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\b[A-Z]\w*(?:\.[A-Z]\w*)+")]
    private static partial Regex Qualified();

    [GeneratedRegex(@"//.*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex StringLiteral();
}
