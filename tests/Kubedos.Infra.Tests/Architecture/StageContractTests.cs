using System.Reflection;
using System.Text.RegularExpressions;
using Kubedos.Components;
using Kubedos.Engine.Model;
using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Infra.Tests.Architecture;

/// <summary>
/// Stages have contracts: each reads the normalised spec, never the raw document, and each takes one args record
/// (<c>components/README.md</c>, "Rules for stage code").
/// </summary>
public sealed partial class StageContractTests
{
    [Fact]
    public void Components_ReadNoRawSpecDocument()
    {
        var reading = Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "components"), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains("/obj/", StringComparison.Ordinal) && !p.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(p => File.ReadLines(p).Select((line, i) => (File: Path.GetRelativePath(RepositoryFiles.Root, p), Line: i + 1, Text: line)))
            .Where(l => RawSpecRead().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(reading.Count == 0, $"components/ reads the raw ClusterSpec; carry what the stage needs in spec/Normalisation (NormalisedCluster) instead:\n{string.Join('\n', reading)}");
    }

    [Theory]
    [InlineData("var ssh = cluster.Document.Spec.Security.Ssh;")]
    [InlineData("SpecFacts.Register(loaded.Document!.Spec, loaded.Sources);")]
    [InlineData("var x = result.Document?.Spec;")]
    public void RawSpecRead_FindsEveryWayOfWritingIt(string line)
    {
        Assert.Matches(RawSpecRead(), line);
    }

    [Fact]
    public void NormalisedCluster_CarriesNoRawDocument()
    {
        var raw = typeof(NormalisedCluster).GetProperties()
            .Where(p => p.PropertyType == typeof(ClusterDocument) || p.PropertyType == typeof(ClusterSpec))
            .Select(p => p.Name)
            .ToList();

        Assert.True(raw.Count == 0, $"NormalisedCluster hands stages the raw spec through {string.Join(", ", raw)}");
    }

    /// <summary>Every stage (a <c>kubedos:components:*</c> component) is built as <c>new Stage(name, StageArgs args, ResourceOptions? options)</c>.</summary>
    [Fact]
    public void Stages_TakeANameOneArgsRecordAndOptions()
    {
        var stages = Stages().ToList();
        Assert.NotEmpty(stages);

        var wrong = stages
            .Where(t => !t.GetConstructors().Any(c => c.GetParameters() is [var name, var args, var options]
                && name.ParameterType == typeof(string)
                && args.ParameterType.Name.EndsWith("Args", StringComparison.Ordinal)
                && args.ParameterType.GetMethod("<Clone>$") is not null
                && args.ParameterType.IsSealed
                && options.ParameterType == typeof(ResourceOptions)))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(wrong.Count == 0, $"these stages take something other than (string name, <Stage>Args args, ResourceOptions? options), a sealed record of args:\n{string.Join('\n', wrong)}");
    }

    [Fact]
    public void Stages_AreNotNamedLikeTheirNamespace()
    {
        var echoing = Stages().Where(t => t.Namespace!.EndsWith("." + t.Name, StringComparison.Ordinal)).Select(t => t.FullName).ToList();

        Assert.True(echoing.Count == 0, $"a stage named like its folder reads Substrate.Substrate; give it a domain name:\n{string.Join('\n', echoing)}");
    }

    private static IEnumerable<Type> Stages() =>
        typeof(KubedosStack).Assembly.GetTypes().Where(t =>
            t.IsSubclassOf(typeof(ComponentResource))
            && t.GetField("TypeToken", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() is string token
            && token.StartsWith("kubedos:components:", StringComparison.Ordinal));

    // A member named Document followed (through ! or ?) by .Spec: the raw ClusterDocument's spec.
    [GeneratedRegex(@"\.Document\s*[!?]?\s*\.Spec\b")]
    private static partial Regex RawSpecRead();
}
