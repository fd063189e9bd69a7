using System.Text.RegularExpressions;

namespace Kubedos.Infra.Tests.Architecture;

/// <summary>Dependencies point inward only (<c>../shared/ARCHITECTURE.md</c>): an arrow that goes the wrong way fails here, naming the file or assembly.</summary>
public sealed partial class DependencyArrowTests
{
    [Theory]
    [InlineData(typeof(Kubedos.Pki.SpkiPin), new[] { "Kubedos.", "kubedos" })]
    [InlineData(typeof(Kubedos.Seal.Bundle.BundleVerifier), new[] { "Kubedos.", "kubedos", "Spectre.", "System.CommandLine", "YamlDotNet" })]
    [InlineData(typeof(Kubedos.Enrollment.Service.EnrollmentService), new[] { "Kubedos.Engine", "Kubedos.Providers", "kubedos", "YamlDotNet", "Spectre.", "Renci.SshNet", "NSec." })]
    [InlineData(typeof(Kubedos.Agent.AgentProgram), new[] { "Kubedos.Engine", "Kubedos.Providers", "kubedos", "YamlDotNet", "Spectre.", "Renci.SshNet", "NSec." })]
    [InlineData(typeof(Kubedos.Engine.Model.Resource), new[] { "Kubedos.", "kubedos", "Spectre.", "System.CommandLine" })]
    [InlineData(typeof(Kubedos.Input.YamlInput), new[] { "Kubedos.", "kubedos", "Spectre.", "System.CommandLine" })]
    [InlineData(typeof(Kubedos.Providers.Tls.TlsProvider), new[] { "Kubedos.Enrollment", "Kubedos.Engine.Cli", "kubedos", "Spectre.", "System.CommandLine" })]
    public void Assembly_References_NothingOutward(Type inAssembly, string[] forbiddenPrefixes)
    {
        var assembly = inAssembly.Assembly;
        var own = assembly.GetName().Name!;

        var wrong = assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name != own && forbiddenPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal) && !Allowed(own, name)))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(wrong.Count == 0, $"{own} references {string.Join(", ", wrong)}: that arrow points outward");
    }

    [Theory]
    [InlineData("spec", new[] { "Kubedos.Providers", "Kubedos.Components", "Kubedos.Policies", "Kubedos.Enrollment", "Kubedos.Cli", "Kubedos.Engine" })]
    [InlineData("policies", new[] { "Kubedos.Providers", "Kubedos.Components", "Kubedos.Enrollment", "Kubedos.Cli", "Kubedos.Engine.Cli" })]
    [InlineData("components", new[] { "Kubedos.Cli", "Kubedos.Engine.Cli" })]
    [InlineData("operations", new[] { "Kubedos.Cli", "Kubedos.Engine.Cli" })]
    public void Folder_Sources_NameNothingOutward(string folder, string[] forbiddenNamespaces)
    {
        var wrong = Mentions(folder)
            .Where(m => forbiddenNamespaces.Any(ns => m.Namespace == ns || m.Namespace.StartsWith(ns + ".", StringComparison.Ordinal)))
            .Select(m => $"{m.File}: {m.Namespace}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(wrong.Count == 0, $"wrong-way arrows from {folder}/:\n{string.Join('\n', wrong)}");
    }

    [Fact]
    public void EngineFolder_NamesNoConsoleLibraryNorTheProgram()
    {
        var wrong = Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "engine"), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains("/obj/", StringComparison.Ordinal) && !p.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(p => File.ReadLines(p).Select((line, i) => (File: Path.GetRelativePath(RepositoryFiles.Root, p), Line: i + 1, Text: line)))
            .Where(l => l.Text.StartsWith("using System.CommandLine", StringComparison.Ordinal) || l.Text.StartsWith("using Spectre.", StringComparison.Ordinal)
                || l.Text.StartsWith("using Kubedos.", StringComparison.Ordinal) && !l.Text.StartsWith("using Kubedos.Engine", StringComparison.Ordinal)
                    && !l.Text.StartsWith("using Kubedos.Input", StringComparison.Ordinal) && !l.Text.StartsWith("using Kubedos.Pki", StringComparison.Ordinal))
            .Select(l => $"{l.File}:{l.Line}: {l.Text}")
            .ToList();

        Assert.True(wrong.Count == 0, $"engine/ names a console library or the program:\n{string.Join('\n', wrong)}");
    }

    /// <summary>After the substrate stage nothing knows which substrate it is: only <c>components/Substrate</c> names the local lab.</summary>
    /// <remarks>Stages reach the substrate through <c>ISubstrate</c>, <c>INodeBootstrapChannel</c> and <c>IOperatorAccess</c>; a file named here went around them.</remarks>
    [Fact]
    public void Components_OutsideTheSubstrate_NameNoSubstrateProvider()
    {
        var reaching = Mentions("components")
            .Where(m => m.Namespace.StartsWith("Kubedos.Providers.Local", StringComparison.Ordinal) && !m.File.StartsWith("components/Substrate/", StringComparison.Ordinal))
            .Select(m => m.File)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(reaching.Count == 0, $"past the substrate seam, these name providers/Local:\n{string.Join('\n', reaching)}");
    }

    /// <summary>An operation acts the substrate's way in one place per room: only <c>operations/*/Local</c> (a drill's host failure, a runbook's fence) names the local lab.</summary>
    [Fact]
    public void Operations_OutsideTheirSubstrateFolder_NameNoSubstrateProvider()
    {
        var reaching = Mentions("operations")
            .Where(m => m.Namespace.StartsWith("Kubedos.Providers.Local", StringComparison.Ordinal)
                && !System.Text.RegularExpressions.Regex.IsMatch(m.File, "^operations/[A-Za-z]+/Local/[^/]+$"))
            .Select(m => m.File)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(reaching.Count == 0, $"these operations name providers/Local outside an operations/*/Local folder:\n{string.Join('\n', reaching)}");
    }

    // The engine's own CLI project leans on the engine, and every layer may read input through the leaves: those arrows point inward.
    private static bool Allowed(string from, string to) =>
        (from == "Kubedos.Engine.Cli" && to == "Kubedos.Engine") || to == "Kubedos.Input" || to == "Kubedos.Pki";

    private static IEnumerable<(string File, string Namespace)> Mentions(string folder)
    {
        var root = RepositoryFiles.Root;
        foreach (var path in Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match match in KubedosName().Matches(File.ReadAllText(path)))
            {
                yield return (relative, match.Value);
            }
        }
    }

    // Every Kubedos name a file uses, from its usings or written out in full (Kubedos.Providers.Local.NodeResource).
    [GeneratedRegex(@"\bKubedos(\.[A-Z][A-Za-z]*)+")]
    private static partial Regex KubedosName();

    [Fact]
    public void Mentions_FindFullyQualifiedNames_NotOnlyUsings()
    {
        var names = KubedosName().Matches("var x = Kubedos.Providers.Local.NodeResource.TypeToken;").Select(m => m.Value);

        Assert.Equal(["Kubedos.Providers.Local.NodeResource.TypeToken"], names);
    }
}
