using k8s.Models;

namespace Kubedos.Components.Kubernetes;

/// <summary>
/// The TK8S admission rules as built-in ValidatingAdmissionPolicies (admissionregistration.k8s.io/v1, Kubernetes 1.30
/// and later), each with a binding that denies: pinned images only (no <c>latest</c>, no untagged image), no
/// privileged pod or host namespaces, read-only root filesystems, no ephemeral (debug) containers.
/// </summary>
/// <remarks>
/// The CEL uses the standard language only (no Kubernetes extension library), so the tests evaluate these very
/// expressions against sample pods. Privilege and root-filesystem rules spare <c>kube-system</c>, where the control plane
/// and the CNI agent run with host access by design; image and debug-container rules hold everywhere.
/// </remarks>
internal static class BaselineAdmissionPolicies
{
    public const string ApiVersion = "admissionregistration.k8s.io/v1";
    public const string SystemNamespace = "kube-system";

    /// <summary>Every container of the pod: regular, init and ephemeral (as <c>variables.containers</c>).</summary>
    public const string ContainersVariable =
        "object.spec.containers"
        + " + (has(object.spec.initContainers) ? object.spec.initContainers : [])"
        + " + (has(object.spec.ephemeralContainers) ? object.spec.ephemeralContainers : [])";

    private const string Digest = "c.image.matches('@sha256:[0-9a-f]{64}$')";

    /// <summary>The policies, each with its rules.</summary>
    public static IReadOnlyList<BaselineAdmissionPolicy> All { get; } =
    [
        new("tk8s-pinned-images", PodWrites, ClusterWide: true, UsesContainers: true,
        [
            new V1Validation
            {
                Expression = $"variables.containers.all(c, {Digest} || c.image.matches(':[^:/@]+$'))",
                Message = "every image names a tag or a sha256 digest: an untagged image is latest, and TK8S forbids mutable containers",
                Reason = "Forbidden",
            },
            new V1Validation
            {
                Expression = $"variables.containers.all(c, {Digest} || !c.image.endsWith(':latest'))",
                Message = "the latest tag is forbidden (TK8S: no mutable containers); pin a version or a sha256 digest",
                Reason = "Forbidden",
            },
        ]),
        new("tk8s-no-privileged-pods", PodWrites, ClusterWide: false, UsesContainers: true,
        [
            new V1Validation
            {
                Expression = "variables.containers.all(c, !has(c.securityContext) || !has(c.securityContext.privileged) || c.securityContext.privileged == false)",
                Message = "privileged containers are forbidden (TK8S: least privilege)",
                Reason = "Forbidden",
            },
            new V1Validation
            {
                Expression = "!(has(object.spec.hostNetwork) && object.spec.hostNetwork) && !(has(object.spec.hostPID) && object.spec.hostPID) && !(has(object.spec.hostIPC) && object.spec.hostIPC)",
                Message = "the host's network, PID and IPC namespaces are forbidden (TK8S: least privilege)",
                Reason = "Forbidden",
            },
        ]),
        new("tk8s-read-only-root", PodWrites, ClusterWide: false, UsesContainers: true,
        [
            new V1Validation
            {
                Expression = "variables.containers.all(c, has(c.securityContext) && has(c.securityContext.readOnlyRootFilesystem) && c.securityContext.readOnlyRootFilesystem == true)",
                Message = "every container sets securityContext.readOnlyRootFilesystem: true (TK8S: no in-place modifications)",
                Reason = "Forbidden",
            },
        ]),
        new("tk8s-no-ephemeral-containers", EphemeralContainerWrites, ClusterWide: true, UsesContainers: false,
        [
            new V1Validation
            {
                Expression = "!has(object.spec.ephemeralContainers) || size(object.spec.ephemeralContainers) == 0",
                Message = "ephemeral (debug) containers are forbidden (TK8S: no shell access; debug through logs and traces)",
                Reason = "Forbidden",
            },
        ]),
    ];

    private static IReadOnlyList<V1NamedRuleWithOperations> PodWrites =>
        [new V1NamedRuleWithOperations { ApiGroups = [string.Empty], ApiVersions = ["v1"], Operations = ["CREATE", "UPDATE"], Resources = ["pods"] }];

    // kubectl debug adds its container through the subresource; a pod created with one is refused by the pods rule.
    private static IReadOnlyList<V1NamedRuleWithOperations> EphemeralContainerWrites =>
    [
        new V1NamedRuleWithOperations { ApiGroups = [string.Empty], ApiVersions = ["v1"], Operations = ["CREATE", "UPDATE"], Resources = ["pods"] },
        new V1NamedRuleWithOperations { ApiGroups = [string.Empty], ApiVersions = ["v1"], Operations = ["UPDATE"], Resources = ["pods/ephemeralcontainers"] },
    ];

    /// <summary>The policy and binding objects of every rule, policy before binding.</summary>
    public static IEnumerable<object> Manifests()
    {
        foreach (var policy in All)
        {
            yield return new V1ValidatingAdmissionPolicy
            {
                ApiVersion = ApiVersion,
                Kind = V1ValidatingAdmissionPolicy.KubeKind,
                Metadata = Metadata(policy.Name),
                Spec = new V1ValidatingAdmissionPolicySpec
                {
                    FailurePolicy = "Fail",
                    MatchConstraints = new V1MatchResources { ResourceRules = [.. policy.Rules] },
                    Variables = policy.UsesContainers ? [new V1Variable { Name = "containers", Expression = ContainersVariable }] : null,
                    Validations = [.. policy.Validations],
                },
            };
            yield return new V1ValidatingAdmissionPolicyBinding
            {
                ApiVersion = ApiVersion,
                Kind = V1ValidatingAdmissionPolicyBinding.KubeKind,
                Metadata = Metadata(policy.Name),
                Spec = new V1ValidatingAdmissionPolicyBindingSpec
                {
                    PolicyName = policy.Name,
                    ValidationActions = ["Deny"],
                    MatchResources = policy.ClusterWide ? null : new V1MatchResources
                    {
                        NamespaceSelector = new V1LabelSelector
                        {
                            MatchExpressions = [new V1LabelSelectorRequirement { Key = "kubernetes.io/metadata.name", OperatorProperty = "NotIn", Values = [SystemNamespace] }],
                        },
                    },
                },
            };
        }
    }

    private static V1ObjectMeta Metadata(string name) => new()
    {
        Name = name,
        Labels = new Dictionary<string, string> { [BaselineNamespaces.BaselineLabel] = BaselineNamespaces.BaselineValue },
    };
}
