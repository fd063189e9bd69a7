using k8s.Models;

namespace Kubedos.Components.Kubernetes;

/// <summary>One TK8S admission rule: the requests it judges and the CEL validations they must pass.</summary>
/// <param name="Name">The policy's and its binding's name.</param>
/// <param name="Rules">The resources and operations it judges.</param>
/// <param name="ClusterWide">False: its binding spares <c>kube-system</c>.</param>
/// <param name="UsesContainers">Whether its validations read <c>variables.containers</c>.</param>
/// <param name="Validations">Every expression must hold, or the request is denied with its message.</param>
internal sealed record BaselineAdmissionPolicy(
    string Name, IReadOnlyList<V1NamedRuleWithOperations> Rules, bool ClusterWide, bool UsesContainers, IReadOnlyList<V1Validation> Validations);
