using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>
/// etcd listens on the kubernetes-backend plane (wg3) and nowhere else, and its ports stay private to that plane: the
/// <c>etcd-quorum</c> gate proves them unreachable from every other plane, so a spec that opens them is refused here
/// rather than failing the gate after a whole run.
/// </summary>
internal sealed class EtcdPlanePrivateRule : ISpecRule
{
    /// <summary>etcd's client and peer ports.</summary>
    public static readonly IReadOnlyList<int> EtcdPorts = [2379, 2380];

    public string Id => "etcd-plane-private";

    public string Summary => "With kubernetes.enabled, a plane has purpose kubernetes-backend (etcd's), no allow rule opens 2379/tcp or 2380/tcp into it from another plane, and defaultInterPlane is deny; the etcd-quorum gate needs kubernetes.enabled; etcd is started by converge, so kubernetes.enabled needs orchestration.ansible.enabled.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var spec = document.Spec;
        if (!spec.Kubernetes.Enabled)
        {
            for (var i = 0; i < spec.Acceptance.Required.Count; i++)
            {
                if (spec.Acceptance.Required[i] == "etcd-quorum")
                {
                    yield return new SpecFinding($"spec.acceptance.required[{i}]", "the etcd-quorum gate needs etcd, which runs only with kubernetes.enabled: true");
                }
            }

            yield break;
        }

        if (!spec.Orchestration.Ansible.Enabled)
        {
            yield return new SpecFinding("spec.kubernetes.enabled",
                "kubernetes is enabled, but its etcd members are started by converge (stage 5), which is off: set orchestration.ansible.enabled: true");
        }

        var backends = spec.Networking.Planes.Where(p => p.Value.Purpose == PlanePurpose.KubernetesBackend).Select(p => p.Key).ToList();
        if (backends.Count == 0)
        {
            yield return new SpecFinding("spec.networking.planes",
                $"kubernetes is enabled but no plane has purpose kubernetes-backend, the plane etcd listens on (declared: {string.Join(", ", spec.Networking.Planes.Keys)})");
            yield break;
        }

        var etcdPlane = backends.Contains("wg3") ? "wg3" : backends[0];
        if (spec.Networking.Policy.DefaultInterPlane == InterPlaneDefault.Allow)
        {
            yield return new SpecFinding("spec.networking.policy.defaultInterPlane",
                $"defaultInterPlane: allow opens etcd's ports on {etcdPlane} to every other plane; etcd's client and peer ports must stay private to {etcdPlane}: use deny");
        }

        var rules = spec.Networking.Policy.Allow;
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i].To != etcdPlane || rules[i].From == etcdPlane)
            {
                continue;
            }

            for (var p = 0; p < rules[i].Ports.Count; p++)
            {
                var range = PortRange.TryParse(rules[i].Ports[p], out _);
                var opened = range is { Protocol: "tcp" } ? EtcdPorts.Where(range.Contains).ToList() : [];
                if (opened.Count > 0)
                {
                    yield return new SpecFinding($"spec.networking.policy.allow[{i}].ports[{p}]",
                        $"allow rule {i} opens etcd's port{(opened.Count > 1 ? "s" : string.Empty)} {string.Join(", ", opened.Select(o => $"{o}/tcp"))} on {etcdPlane} to {rules[i].From}; "
                        + $"etcd's client and peer ports stay private to {etcdPlane} (the etcd-quorum gate proves them unreachable from every other plane): remove them from the rule");
                }
            }
        }
    }
}
