using k8s.Models;
using Kubedos.Components.Kubernetes;
using YamlDotNet.Core;

namespace Kubedos.Infra.Tests.Components.Kubernetes;

public sealed class ManifestWriterTests
{
    [Fact]
    public void PathOf_NamespacedAndClusterScopedAndCrd_LaidOutAsPulumiRendersThem()
    {
        Assert.Equal("1-manifest/v1-namespace-default-team-a.yaml", ManifestWriter.PathOf(Namespace("team-a")));
        Assert.Equal("1-manifest/networking.k8s.io_v1-networkpolicy-team-a-default-deny.yaml", ManifestWriter.PathOf(new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = new V1ObjectMeta { Name = "default-deny", NamespaceProperty = "team-a" },
        }));
        Assert.Equal("0-crd/apiextensions.k8s.io_v1-customresourcedefinition-default-things.example.com.yaml", ManifestWriter.PathOf(new V1CustomResourceDefinition
        {
            ApiVersion = "apiextensions.k8s.io/v1",
            Kind = "CustomResourceDefinition",
            Metadata = new V1ObjectMeta { Name = "things.example.com" },
        }));
    }

    [Fact]
    public void PathOf_NoKind_Throws()
    {
        var nameless = new V1Namespace { ApiVersion = "v1", Metadata = new V1ObjectMeta { Name = "a" } };

        Assert.Throws<InvalidOperationException>(() => ManifestWriter.PathOf(nameless));
    }

    [Fact]
    public void Manifest_SameObjectTwice_ByteIdentical_AndReadsBackStrictlyAsItsModel()
    {
        var first = ManifestWriter.Manifest(Namespace("team-a"));
        var second = ManifestWriter.Manifest(Namespace("team-a"));

        Assert.Equal(first, second);
        Assert.Equal("Namespace", first.Kind);
        Assert.EndsWith("\n", first.Content, StringComparison.Ordinal);
        var back = Assert.IsType<V1Namespace>(Assert.Single(ManifestWriter.ReadManifests(first.Content)));
        Assert.Equal("restricted", back.Metadata.Labels["pod-security.kubernetes.io/enforce"]);
    }

    [Fact]
    public void ReadManifests_UnknownField_Throws()
    {
        var yaml = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  namepsace: typo\n";

        var error = Assert.Throws<YamlException>(() => ManifestWriter.ReadManifests(yaml));

        Assert.Contains("namepsace", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Document_ReadBackWithAnUndeclaredField_Throws()
    {
        var file = ManifestWriter.Document("kustomization.yaml", new ManifestKustomization { Resources = ["1-manifest/a.yaml"] });

        Assert.Equal(["1-manifest/a.yaml"], ManifestWriter.ReadDocument<ManifestKustomization>(file.Content).Resources);
        Assert.Throws<YamlException>(() => ManifestWriter.ReadDocument<ManifestKustomization>(file.Content + "patches: []\n"));
    }

    [Fact]
    public void Kustomization_ListsObjectsOnly_NamespacesFirst_PoliciesBeforeBindings()
    {
        ManifestFile[] files =
        [
            new("1-manifest/admissionregistration.k8s.io_v1-validatingadmissionpolicybinding-default-p.yaml", "x", "ValidatingAdmissionPolicyBinding"),
            new("1-manifest/networking.k8s.io_v1-networkpolicy-a-default-deny.yaml", "x", "NetworkPolicy"),
            new("cni/cilium-values.yaml", "x"),
            new("1-manifest/admissionregistration.k8s.io_v1-validatingadmissionpolicy-default-p.yaml", "x", "ValidatingAdmissionPolicy"),
            new("1-manifest/v1-namespace-default-a.yaml", "x", "Namespace"),
        ];

        var index = ManifestWriter.ReadDocument<ManifestKustomization>(ManifestKustomization.For(files).Content);

        Assert.Equal(
            [
                "1-manifest/v1-namespace-default-a.yaml",
                "1-manifest/admissionregistration.k8s.io_v1-validatingadmissionpolicy-default-p.yaml",
                "1-manifest/admissionregistration.k8s.io_v1-validatingadmissionpolicybinding-default-p.yaml",
                "1-manifest/networking.k8s.io_v1-networkpolicy-a-default-deny.yaml",
            ],
            index.Resources);
    }

    [Fact]
    public void DigestOf_IgnoresOrder_ChangesWithAnyByte()
    {
        ManifestFile a = new("a.yaml", "a: 1\n");
        ManifestFile b = new("b.yaml", "b: 1\n");

        Assert.Equal(ManifestDirectory.DigestOf([a, b]), ManifestDirectory.DigestOf([b, a]));
        Assert.NotEqual(ManifestDirectory.DigestOf([a, b]), ManifestDirectory.DigestOf([a, b with { Content = "b: 2\n" }]));
        Assert.NotEqual(ManifestDirectory.DigestOf([a, b]), ManifestDirectory.DigestOf([a, b with { Path = "c.yaml" }]));
    }

    private static V1Namespace Namespace(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["pod-security.kubernetes.io/enforce"] = "restricted" } },
    };
}
