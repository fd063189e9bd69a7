using Kubedos.Infra.Tests.Spec;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Infra.Tests.Components;

/// <summary>The repository's stack specs, validated and normalised.</summary>
internal static class LabSpecs
{
    public static NormalisedCluster Normalise(string relative)
    {
        var result = SpecText.Validate(RepositoryFiles.Read(relative));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return SpecNormaliser.Normalise(result.Document!);
    }

    public static NormalisedCluster Lab01 => Normalise("stacks/lab-01.yaml");

    public static NormalisedCluster Dev => Normalise("stacks/dev.yaml");

    /// <summary>lab-01 with <c>defaultInterPlane: allow</c> (what the inter-plane-default-deny policy refuses, when an operator disables it).</summary>
    public static string Lab01OpenYaml => SpecText.ReplaceOnce(RepositoryFiles.Read("stacks/lab-01.yaml"), "defaultInterPlane: deny", "defaultInterPlane: allow");

    public static NormalisedCluster Lab01Open
    {
        get
        {
            var result = SpecText.Validate(Lab01OpenYaml);
            Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
            return SpecNormaliser.Normalise(result.Document!);
        }
    }
}
