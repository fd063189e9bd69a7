using k8s.Models;
using Kubedos.Components.Kubernetes;

namespace Kubedos.Infra.Tests.Components.Kubernetes;

/// <summary>The rendered admission policies, their CEL run against pods: what TK8S forbids is denied, a pod that keeps the doctrine is admitted.</summary>
public sealed class BaselineAdmissionPoliciesTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    // Read back from the rendered files, so the expressions tested are the ones written.
    private static readonly IReadOnlyList<object> Rendered = [.. KubernetesReference.Render(new KubernetesReferenceArgs { Cluster = ReferenceSpecs.Lab01(), OutDirectory = "/srv/out" })
        .Where(f => f.Kind is "ValidatingAdmissionPolicy" or "ValidatingAdmissionPolicyBinding")
        .SelectMany(f => ManifestWriter.ReadManifests(f.Content))];

    [Fact]
    public void CompliantPod_IsAdmittedByEveryPolicy()
    {
        Assert.All(Policies(), p => Assert.Empty(AdmissionCel.Denials(p, Pod("registry.example/app:1.4.2"))));
    }

    [Theory]
    [InlineData("registry.example/app:latest")]
    [InlineData("app:latest")]
    [InlineData("registry.example/app")]
    [InlineData("registry.example:5000/app")]
    public void PinnedImages_LatestOrUntagged_IsDenied(string image)
    {
        Assert.NotEmpty(AdmissionCel.Denials(Policy("tk8s-pinned-images"), Pod(image)));
    }

    [Theory]
    [InlineData("registry.example/app:1.4.2")]
    [InlineData("registry.example:5000/app:v2")]
    [InlineData("registry.example/app@" + Digest)]
    [InlineData("registry.example/app:latest@" + Digest)]
    public void PinnedImages_TagOrDigest_IsAdmitted(string image)
    {
        Assert.Empty(AdmissionCel.Denials(Policy("tk8s-pinned-images"), Pod(image)));
    }

    [Fact]
    public void PinnedImages_LatestInAnInitContainer_IsDenied()
    {
        var pod = Pod("registry.example/app:1.4.2");
        pod.Spec.InitContainers = [Container("registry.example/init:latest")];

        var denial = Assert.Single(AdmissionCel.Denials(Policy("tk8s-pinned-images"), pod));

        Assert.Contains("latest tag is forbidden", denial, StringComparison.Ordinal);
    }

    [Fact]
    public void NoPrivilegedPods_PrivilegedContainerOrHostNetwork_IsDenied()
    {
        var privileged = Pod("registry.example/app:1.4.2");
        privileged.Spec.Containers[0].SecurityContext.Privileged = true;
        var hostNetwork = Pod("registry.example/app:1.4.2");
        hostNetwork.Spec.HostNetwork = true;

        Assert.Contains(AdmissionCel.Denials(Policy("tk8s-no-privileged-pods"), privileged), m => m.Contains("privileged", StringComparison.Ordinal));
        Assert.Contains(AdmissionCel.Denials(Policy("tk8s-no-privileged-pods"), hostNetwork), m => m.Contains("host's network", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadOnlyRoot_WritableOrUnsetRootFilesystem_IsDenied()
    {
        var writable = Pod("registry.example/app:1.4.2");
        writable.Spec.Containers[0].SecurityContext.ReadOnlyRootFilesystem = false;
        var unset = Pod("registry.example/app:1.4.2");
        unset.Spec.Containers[0].SecurityContext = null;

        Assert.NotEmpty(AdmissionCel.Denials(Policy("tk8s-read-only-root"), writable));
        Assert.NotEmpty(AdmissionCel.Denials(Policy("tk8s-read-only-root"), unset));
    }

    [Fact]
    public void NoEphemeralContainers_ADebugContainer_IsDenied_OnThePodsSubresourceToo()
    {
        var debugged = Pod("registry.example/app:1.4.2");
        debugged.Spec.EphemeralContainers = [new V1EphemeralContainer { Name = "debug", Image = "busybox:1.36.1" }];
        var policy = Policy("tk8s-no-ephemeral-containers");

        Assert.NotEmpty(AdmissionCel.Denials(policy, debugged));
        Assert.Contains(policy.Spec.MatchConstraints.ResourceRules, r => r.Resources.Contains("pods/ephemeralcontainers") && r.Operations.Contains("UPDATE"));
    }

    [Fact]
    public void Bindings_DenyEveryPolicy_SparingKubeSystemOnlyFromPrivilegeAndRootRules()
    {
        var bindings = Rendered.OfType<V1ValidatingAdmissionPolicyBinding>().ToDictionary(b => b.Spec.PolicyName);

        Assert.Equal(Policies().Select(p => p.Metadata.Name).Order(StringComparer.Ordinal), bindings.Keys.Order(StringComparer.Ordinal));
        Assert.All(bindings.Values, b => Assert.Equal(["Deny"], b.Spec.ValidationActions));
        Assert.All(Policies(), p => Assert.Equal("Fail", p.Spec.FailurePolicy));
        Assert.Null(bindings["tk8s-pinned-images"].Spec.MatchResources);
        Assert.Null(bindings["tk8s-no-ephemeral-containers"].Spec.MatchResources);
        foreach (var spared in new[] { "tk8s-no-privileged-pods", "tk8s-read-only-root" })
        {
            var requirement = Assert.Single(bindings[spared].Spec.MatchResources.NamespaceSelector.MatchExpressions);
            Assert.Equal(("kubernetes.io/metadata.name", "NotIn", "kube-system"), (requirement.Key, requirement.OperatorProperty, Assert.Single(requirement.Values)));
        }
    }

    private static IEnumerable<V1ValidatingAdmissionPolicy> Policies() => Rendered.OfType<V1ValidatingAdmissionPolicy>();

    private static V1ValidatingAdmissionPolicy Policy(string name) => Assert.Single(Policies(), p => p.Metadata.Name == name);

    private static V1Pod Pod(string image) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = "app", NamespaceProperty = "project-ai-core" },
        Spec = new V1PodSpec { Containers = [Container(image)] },
    };

    private static V1Container Container(string image) => new()
    {
        Name = "app",
        Image = image,
        SecurityContext = new V1SecurityContext { ReadOnlyRootFilesystem = true, AllowPrivilegeEscalation = false, RunAsNonRoot = true },
    };
}
