using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>
/// A required gate that needs a running Kubernetes (an API server, kubelets, Cilium, Hubble) is refused where it is
/// written when the spec's substrate cannot run one, or the spec does not enable what it checks, naming why, instead
/// of being dropped from the run and the report.
/// </summary>
internal sealed class GateNeedsKubeletRule : ISpecRule
{
    /// <summary>Each gate that needs a running cluster, and what it asks of it (spec section 17.1).</summary>
    public static IReadOnlyDictionary<string, string> KubeletGates { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["k8s-health"] = "it reaches kube-apiserver through the intended plane and waits for every node to be Ready, which needs an API server and a kubelet on each node (its etcd part is the etcd-quorum gate)",
        ["cilium-health"] = "it asks every node's Cilium agent for its health, and Cilium runs as pods under a kubelet",
        ["hubble-flows"] = "it records a test flow through Hubble relay, and Hubble runs inside the Cilium agents, as pods under a kubelet",
    };

    /// <summary>Why a substrate type cannot run a kubelet; a type that is absent can (its own support is judged elsewhere).</summary>
    public static IReadOnlyDictionary<SubstrateType, string> NoKubelet { get; } = new Dictionary<SubstrateType, string>
    {
        [SubstrateType.Local] = "a local node is a network namespace on the machine running kubedos, and no kube-apiserver, kubelet, Cilium or Hubble can be obtained there; "
            + "the Kubernetes reference is rendered to out/<stack>/kubernetes/ and read back by tests instead (components/Kubernetes/README.md)",
    };

    public string Id => "gate-needs-kubelet";

    public string Summary => $"A required gate that needs a running Kubernetes ({string.Join(", ", KubeletGates.Keys)}) is refused on a substrate that cannot run a kubelet (local), without kubernetes.enabled, and (hubble-flows) without kubernetes.cni.hubble.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var required = document.Spec.Acceptance.Required;
        for (var i = 0; i < required.Count; i++)
        {
            if (Refusal(document, required[i]) is { } why)
            {
                yield return new SpecFinding($"spec.acceptance.required[{i}]", why);
            }
        }
    }

    /// <summary>Why <paramref name="gate"/> cannot be required by <paramref name="document"/>, or null when this rule has nothing against it.</summary>
    public static string? Refusal(ClusterDocument document, string gate)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!KubeletGates.TryGetValue(gate, out var needs))
        {
            return null;
        }

        var spec = document.Spec;
        if (NoKubelet.TryGetValue(spec.Substrate.Type, out var substrate))
        {
            return $"required acceptance gate '{gate}' cannot run on the {Support.FieldSupport.Text(spec.Substrate.Type)} substrate: {needs}; {substrate}; remove it rather than pass without it";
        }

        if (!spec.Kubernetes.Enabled)
        {
            return $"required acceptance gate '{gate}' checks Kubernetes, which this spec does not enable (kubernetes.enabled: false): {needs}; remove it or enable Kubernetes";
        }

        return gate == "hubble-flows" && !spec.Kubernetes.Cni.Hubble
            ? $"required acceptance gate 'hubble-flows' needs Hubble, which this spec turns off (kubernetes.cni.hubble: false); remove it or turn Hubble on"
            : null;
    }
}
