using Kubedos.Infra.Tests.Components;
using Kubedos.Infra.Tests.Spec;
using Kubedos.Operations;
using Kubedos.Operations.Swap;

namespace Kubedos.Infra.Tests.Operations.Swap;

public sealed class ColourPairTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("kubedos-colours-").FullName;

    private static string Blue => RepositoryFiles.Read("stacks/lab-01.yaml");

    // lab-01 as the README derives its second colour: every range moved, the header comment rewritten.
    private static string Green => Blue
        .Replace("10.250.1.0/24", "10.250.31.0/24", StringComparison.Ordinal)
        .Replace("10.101.0.0/24", "10.131.0.0/24", StringComparison.Ordinal)
        .Replace("10.102.0.0/24", "10.132.0.0/24", StringComparison.Ordinal)
        .Replace("10.103.0.0/24", "10.133.0.0/24", StringComparison.Ordinal)
        .Replace("# lab-01: the reference HA topology", "# lab-01-green: the second colour of lab-01", StringComparison.Ordinal);

    [Fact]
    public void Of_SpecWithOnlyItsRangesMoved_IsOneDefinitionWithEachRangeNamed()
    {
        var pair = Pair(Blue, Green);
        Assert.Equal(
            [("underlay", "10.250.1.0/24", "10.250.31.0/24"), ("wg1", "10.101.0.0/24", "10.131.0.0/24"), ("wg2", "10.102.0.0/24", "10.132.0.0/24"), ("wg3", "10.103.0.0/24", "10.133.0.0/24")],
            pair.Cidrs);
    }

    [Fact]
    public void Of_SpecThatDiffersBeyondItsRanges_IsRefusedNamingTheLine()
    {
        var green = SpecText.ReplaceOnce(Green, "{ name: w-1, role: worker, index: 21 }", "{ name: w-1, role: worker, index: 22 }");
        var refused = Assert.Throws<OperationRefusedException>(() => Pair(Blue, green));
        Assert.True(refused.AskedWrong);
        Assert.Contains("not one cluster definition", refused.Message, StringComparison.Ordinal);
        Assert.Contains("index: 22", refused.Message, StringComparison.Ordinal);
        Assert.Contains("index: 21", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_RangeOverlappingTheOtherColours_IsRefusedNamingBoth()
    {
        var green = Green.Replace("10.132.0.0/24", "10.101.0.0/24", StringComparison.Ordinal);
        var refused = Assert.Throws<OperationRefusedException>(() => Pair(Blue, green));
        Assert.Contains("its wg2 10.101.0.0/24 overlaps 'blue''s wg1 10.101.0.0/24", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_OneStackTwice_IsRefused()
    {
        var path = Write("blue.yaml", Blue);
        var refused = Assert.Throws<OperationRefusedException>(() => ColourPair.Of("blue", path, LabSpecs.Lab01, "blue", path, LabSpecs.Lab01));
        Assert.Contains("both name 'blue'", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private ColourPair Pair(string blue, string green) =>
        ColourPair.Of("blue", Write("blue.yaml", blue), Normalise(blue), "green", Write("green.yaml", green), Normalise(green));

    private static Kubedos.Spec.Normalisation.NormalisedCluster Normalise(string yaml)
    {
        var result = SpecText.Validate(yaml);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return Kubedos.Spec.Normalisation.SpecNormaliser.Normalise(result.Document!);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
