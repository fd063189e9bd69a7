using Kubedos.Infra.Tests.Spec;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Infra.Tests.Components.Kubernetes;

/// <summary>lab-01 with the Kubernetes reference enabled (a pinned Kubernetes and Cilium), as YAML and normalised.</summary>
internal static class ReferenceSpecs
{
    public const string KubernetesVersion = "v1.30.4";
    public const string CiliumVersion = "v1.16.1";

    /// <summary>lab-01 (<c>kubernetes.enabled: true</c> at the pinned versions), then each (find, replace) pair of <paramref name="edits"/> applied once.</summary>
    public static string Lab01Yaml(params string[] edits)
    {
        var yaml = RepositoryFiles.Read("stacks/lab-01.yaml");
        Assert.Contains($"    version: {KubernetesVersion}\n", yaml, StringComparison.Ordinal);
        Assert.Contains($"    cni: {{ version: \"{CiliumVersion}\" }}\n", yaml, StringComparison.Ordinal);
        for (var i = 0; i < edits.Length; i += 2)
        {
            yaml = SpecText.ReplaceOnce(yaml, edits[i], edits[i + 1]);
        }

        return yaml;
    }

    public static NormalisedCluster Lab01(params string[] edits)
    {
        var result = SpecText.Validate(Lab01Yaml(edits));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return SpecNormaliser.Normalise(result.Document!);
    }
}
