using Kubedos.Infra.Tests.Spec;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Infra.Tests.Components;

/// <summary>The repository's stack specs, validated and normalised.</summary>
internal static class LabSpecs
{
    public static NormalisedCluster Normalise(string relative) => NormaliseText(RepositoryFiles.Read(relative));

    public static NormalisedCluster Lab01 => Normalise("stacks/lab-01.yaml");

    public static NormalisedCluster Dev => Normalise("stacks/dev.yaml");

    /// <summary>lab-01 as the repository has it: Kubernetes enabled at a pinned version, etcd on the three control planes, kubeadm rendered.</summary>
    public static string Lab01KubernetesYaml => RepositoryFiles.Read("stacks/lab-01.yaml");

    /// <summary>lab-01 with Kubernetes off and its etcd-quorum gate no longer required: the stages before it alone.</summary>
    public static string Lab01WithoutKubernetesYaml => WithoutKubernetes(RepositoryFiles.Read("stacks/lab-01.yaml"));

    /// <summary><see cref="Lab01WithoutKubernetesYaml"/>, normalised.</summary>
    public static NormalisedCluster Lab01WithoutKubernetes => NormaliseText(Lab01WithoutKubernetesYaml);

    /// <summary><see cref="Lab01KubernetesYaml"/>, normalised.</summary>
    public static NormalisedCluster Lab01Kubernetes => NormaliseText(Lab01KubernetesYaml);

    /// <summary>dev (one control plane) with Kubernetes enabled at a pinned version.</summary>
    public static NormalisedCluster DevKubernetes => NormaliseText(SpecText.ReplaceOnce(
        RepositoryFiles.Read("stacks/dev.yaml"), "  kubernetes:\n    enabled: false", "  kubernetes:\n    enabled: true\n    version: v1.30.4\n    cni:\n      version: \"1.16.1\""));

    private static NormalisedCluster NormaliseText(string yaml)
    {
        var result = SpecText.Validate(yaml);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return SpecNormaliser.Normalise(result.Document!);
    }

    /// <summary>lab-01 with <c>defaultInterPlane: allow</c> (what the inter-plane-default-deny policy refuses, when an operator disables it).</summary>
    /// <remarks>
    /// The observability-stack gate proves its services unreachable off wg2, which an open spec contradicts, so it is not
    /// required here; and etcd's ports must stay private to wg3 (etcd-plane-private), so Kubernetes is off.
    /// </remarks>
    public static string Lab01OpenYaml => SpecText.ReplaceOnce(
        SpecText.ReplaceOnce(Lab01WithoutKubernetesYaml, "defaultInterPlane: deny", "defaultInterPlane: allow"),
        "      - observability-stack\n",
        string.Empty);

    /// <summary><paramref name="yaml"/> (lab-01's) with <c>kubernetes.enabled: false</c> and the etcd-quorum gate no longer required.</summary>
    public static string WithoutKubernetes(string yaml) => SpecText.ReplaceOnce(
        SpecText.ReplaceOnce(yaml, "    enabled: true               # stage 6", "    enabled: false              # stage 6"),
        "      - etcd-quorum\n",
        string.Empty);

    public static NormalisedCluster Lab01Open => NormaliseText(Lab01OpenYaml);
}
