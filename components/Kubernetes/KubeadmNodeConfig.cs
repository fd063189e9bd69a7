namespace Kubedos.Components.Kubernetes;

/// <summary>One node's kubeadm configuration: <c>kubeadm init --config</c> on the first control plane, <c>kubeadm join --config</c> on the rest.</summary>
/// <param name="Node">The node name.</param>
/// <param name="FileName">The file under <c>out/&lt;stack&gt;/kubernetes/kubeadm/</c>: <c>&lt;node&gt;.yaml</c>.</param>
/// <param name="Documents">The YAML documents in order: Init and Cluster configurations, or one Join configuration.</param>
internal sealed record KubeadmNodeConfig(string Node, string FileName, IReadOnlyList<object> Documents);
