using k8s.Models;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Kubernetes;

/// <summary>
/// The TK8S baseline (<c>../shared/seeds/tk8s-doctrine.md</c>) as manifests: every namespace the doctrine declares, with
/// Pod Security <c>restricted</c> enforced, audited and warned at the cluster's Kubernetes minor version; its network
/// isolation (<see cref="BaselineNetworkPolicies"/>); no service account token in the isolated namespace; the admission
/// rules (<see cref="BaselineAdmissionPolicies"/>).
/// </summary>
internal static class BaselineManifests
{
    /// <summary>Every baseline file of <paramref name="cluster"/>, in a stable order.</summary>
    public static IReadOnlyList<ManifestFile> Render(NormalisedCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var files = new List<ManifestFile>();
        var podSecurityVersion = PodSecurityVersion(cluster.Kubernetes.Version
            ?? throw new InvalidOperationException("kubernetes.version is not set; the baseline pins Pod Security to its minor version"));
        foreach (var ns in BaselineNamespaces.All)
        {
            files.Add(ManifestWriter.Manifest(Namespace(ns, podSecurityVersion)));
            if (ns.ExternalEgressOnly)
            {
                files.Add(ManifestWriter.Manifest(new V1ServiceAccount
                {
                    ApiVersion = "v1",
                    Kind = V1ServiceAccount.KubeKind,
                    Metadata = new V1ObjectMeta { Name = "default", NamespaceProperty = ns.Name },
                    AutomountServiceAccountToken = false,
                }));
            }

            files.AddRange(BaselineNetworkPolicies.For(ns, cluster).Select(ManifestWriter.Manifest));
        }

        foreach (var manifest in BaselineAdmissionPolicies.Manifests())
        {
            files.Add(manifest switch
            {
                V1ValidatingAdmissionPolicy policy => ManifestWriter.Manifest(policy),
                V1ValidatingAdmissionPolicyBinding binding => ManifestWriter.Manifest(binding),
                _ => throw new InvalidOperationException($"no writer for {manifest.GetType().Name}"),
            });
        }

        return files;
    }

    /// <summary>The Pod Security version label for a Kubernetes version: <c>v1.30.4</c> is <c>v1.30</c>.</summary>
    public static string PodSecurityVersion(string kubernetesVersion)
    {
        ArgumentNullException.ThrowIfNull(kubernetesVersion);
        var parts = kubernetesVersion.TrimStart('v').Split('.');
        return parts.Length >= 2 && int.TryParse(parts[0], out var major) && int.TryParse(parts[1], out var minor)
            ? $"v{major}.{minor}"
            : throw new InvalidOperationException($"kubernetes version '{kubernetesVersion}' has no major.minor");
    }

    private static V1Namespace Namespace(BaselineNamespace ns, string podSecurityVersion)
    {
        var labels = new Dictionary<string, string>
        {
            [BaselineNamespaces.BaselineLabel] = BaselineNamespaces.BaselineValue,
            [BaselineNamespaces.LayerLabel] = ns.Layer.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var mode in new[] { "enforce", "audit", "warn" })
        {
            labels[$"pod-security.kubernetes.io/{mode}"] = BaselineNamespaces.PodSecurityLevel;
            labels[$"pod-security.kubernetes.io/{mode}-version"] = podSecurityVersion;
        }

        return new V1Namespace
        {
            ApiVersion = "v1",
            Kind = V1Namespace.KubeKind,
            Metadata = new V1ObjectMeta
            {
                Name = ns.Name,
                Labels = labels,
                Annotations = new Dictionary<string, string> { ["kubedos.ca/tk8s-holds"] = ns.Holds },
            },
        };
    }
}
