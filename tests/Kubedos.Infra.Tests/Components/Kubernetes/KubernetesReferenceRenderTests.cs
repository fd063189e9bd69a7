using System.Text.RegularExpressions;
using k8s.Models;
using Kubedos.Components.Kubernetes;

namespace Kubedos.Infra.Tests.Components.Kubernetes;

/// <summary>What the Kubernetes reference renders: every file read back strictly, and the TK8S doctrine's properties held by the files themselves.</summary>
public sealed partial class KubernetesReferenceRenderTests
{
    private static readonly KubernetesReferenceArgs Args = new() { Cluster = ReferenceSpecs.Lab01(), OutDirectory = "/srv/out/lab-01" };

    private static readonly IReadOnlyList<ManifestFile> Files = KubernetesReference.Render(Args);

    [Fact]
    public void Render_EveryFile_ReadsBackStrictlyIntoItsTypedModel()
    {
        foreach (var file in Files)
        {
            switch (file.Path)
            {
                case CniValuesRenderer.ValuesPath:
                    _ = ManifestWriter.ReadDocument<CniValues>(file.Content);
                    break;
                case CniValuesRenderer.ReleasePath:
                    _ = ManifestWriter.ReadDocument<CniRelease>(file.Content);
                    break;
                case ManifestKustomization.FileName:
                    _ = ManifestWriter.ReadDocument<ManifestKustomization>(file.Content);
                    break;
                default:
                    var manifest = Assert.Single(ManifestWriter.ReadManifests(file.Content));
                    Assert.Equal("k8s.Models", manifest.GetType().Namespace);
                    var kind = Assert.IsAssignableFrom<k8s.IKubernetesObject<V1ObjectMeta>>(manifest);
                    Assert.Equal(file.Kind, kind.Kind);
                    Assert.Equal(file.Path, ManifestWriter.PathOf(kind));
                    break;
            }
        }
    }

    [Fact]
    public void Render_SameSpecTwice_ByteIdenticalFilesInTheSameOrder()
    {
        var again = KubernetesReference.Render(Args with { Cluster = ReferenceSpecs.Lab01() });

        Assert.Equal(Files, again);
        Assert.Equal(ManifestDirectory.DigestOf(Files), ManifestDirectory.DigestOf(again));
    }

    [Fact]
    public void Render_ChangedPodNetwork_ChangesCiliumAndTheIsolatedNamespacesEgress_AndTheDigest()
    {
        var changed = KubernetesReference.Render(Args with { Cluster = ReferenceSpecs.Lab01("cni: {", "podCidr: 10.200.0.0/16\n    cni: {") });

        var differing = Files.Zip(changed).Where(p => p.First != p.Second).Select(p => p.First.Path).ToList();
        Assert.Equal([CniValuesRenderer.ValuesPath, "1-manifest/networking.k8s.io_v1-networkpolicy-project-ai-eca-allow-external-egress.yaml"], differing);
        Assert.NotEqual(ManifestDirectory.DigestOf(Files), ManifestDirectory.DigestOf(changed));
    }

    [Fact]
    public void Kustomization_ListsEveryManifestOnce_NamespacesBeforeAnythingInThem()
    {
        var index = ManifestWriter.ReadDocument<ManifestKustomization>(Assert.Single(Files, f => f.Path == ManifestKustomization.FileName).Content);

        Assert.Equal(Files.Where(f => f.Kind is not null).Select(f => f.Path).Order(StringComparer.Ordinal), index.Resources.Order(StringComparer.Ordinal));
        var lastNamespace = index.Resources.FindLastIndex(p => p.Contains("-namespace-", StringComparison.Ordinal));
        var firstNamespaced = index.Resources.FindIndex(p => p.Contains("-project-ai-", StringComparison.Ordinal) && !p.Contains("-namespace-", StringComparison.Ordinal));
        Assert.True(lastNamespace < firstNamespaced, string.Join('\n', index.Resources));
    }

    [Fact]
    public void Doctrine_EveryDeclaredNamespace_ExistsWithRestrictedPodSecurityAtTheClustersMinor_AndADefaultDenyOfBothDirections()
    {
        var manifests = Manifests();
        foreach (var ns in BaselineNamespaces.All)
        {
            var declared = Assert.Single(manifests.OfType<V1Namespace>(), n => n.Metadata.Name == ns.Name);
            foreach (var mode in new[] { "enforce", "audit", "warn" })
            {
                Assert.Equal("restricted", declared.Metadata.Labels[$"pod-security.kubernetes.io/{mode}"]);
                Assert.Equal("v1.30", declared.Metadata.Labels[$"pod-security.kubernetes.io/{mode}-version"]);
            }

            var deny = Assert.Single(manifests.OfType<V1NetworkPolicy>(), p => p.Metadata.NamespaceProperty == ns.Name && p.Metadata.Name == "default-deny");
            Assert.Empty(deny.Spec.PodSelector.MatchLabels ?? new Dictionary<string, string>());
            Assert.Empty(deny.Spec.PodSelector.MatchExpressions ?? []);
            Assert.Equal(["Ingress", "Egress"], deny.Spec.PolicyTypes);
            Assert.Null(deny.Spec.Ingress);
            Assert.Null(deny.Spec.Egress);
        }

        Assert.Equal(
            ["project-ai-core", "project-ai-eca", "project-ai-memory", "project-ai-monitoring", "project-ai-security", "project-ai-system"],
            manifests.OfType<V1Namespace>().Select(n => n.Metadata.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Doctrine_IsolatedNamespace_AdmitsNoIngress_EgressLeavesTheClustersNetworksOnly_MountsNoToken()
    {
        var cluster = Args.Cluster;
        var policies = Manifests().OfType<V1NetworkPolicy>().Where(p => p.Metadata.NamespaceProperty == "project-ai-eca").ToList();

        Assert.All(policies, p => Assert.Null(p.Spec.Ingress));
        var external = Assert.Single(policies, p => p.Metadata.Name == "allow-external-egress");
        var block = Assert.Single(Assert.Single(external.Spec.Egress).To).IpBlock;
        Assert.Equal("0.0.0.0/0", block.Cidr);
        Assert.Equal(["10.244.0.0/16", "10.96.0.0/16", .. cluster.Planes.Select(p => p.Cidr.ToString()), "169.254.0.0/16"], block.Except);
        Assert.DoesNotContain(Manifests().OfType<V1NetworkPolicy>(), p => p.Spec.Ingress?.Any(r => r.FromProperty?.Any(f =>
            f.NamespaceSelector?.MatchLabels?.Values.Contains("project-ai-eca") == true) == true) == true);
        var account = Assert.Single(Manifests().OfType<V1ServiceAccount>());
        Assert.Equal(("default", "project-ai-eca", false), (account.Metadata.Name, account.Metadata.NamespaceProperty, account.AutomountServiceAccountToken));
    }

    [Fact]
    public void Doctrine_MonitoringScrapesEveryNamespaceButTheIsolatedOne_OnTheMetricsPortOnly()
    {
        var policies = Manifests().OfType<V1NetworkPolicy>().ToList();

        var scraped = policies.Where(p => p.Metadata.Name == "allow-monitoring-scrape").Select(p => p.Metadata.NamespaceProperty).Order(StringComparer.Ordinal);
        Assert.Equal(BaselineNamespaces.All.Where(n => n.Name != "project-ai-eca").Select(n => n.Name).Order(StringComparer.Ordinal), scraped);
        Assert.All(policies.Where(p => p.Metadata.Name is "allow-monitoring-scrape" or "allow-scrape"), p =>
            Assert.All(p.Spec.Ingress?.SelectMany(r => r.Ports) ?? p.Spec.Egress.SelectMany(r => r.Ports), port => Assert.Equal("metrics", port.Port.Value)));
    }

    [Fact]
    public void Doctrine_NoLatestTag_NorUntaggedImage_AnywhereRendered()
    {
        var images = Files.SelectMany(f => f.Content.Split('\n')).Select(l => ImageOrTag().Match(l)).Where(m => m.Success).Select(m => m.Groups["value"].Value).ToList();

        Assert.All(images, image => Assert.False(image.EndsWith("latest", StringComparison.Ordinal), image));
        Assert.DoesNotContain(Files, f => f.Content.Split('\n').Any(l => l.Trim() is "latest" or "- latest" or "tag: latest"));
        Assert.All(Manifests().OfType<V1Pod>(), pod => Assert.All(pod.Spec.Containers, c => Assert.DoesNotContain(":latest", c.Image, StringComparison.Ordinal)));
    }

    private static List<object> Manifests() => [.. Files.Where(f => f.Kind is not null).SelectMany(f => ManifestWriter.ReadManifests(f.Content))];

    [GeneratedRegex(@"^\s*-?\s*(image|tag):\s*[""']?(?<value>[^""'\s]+)")]
    private static partial Regex ImageOrTag();
}
