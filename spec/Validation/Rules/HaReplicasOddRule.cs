using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>With HA, etcd quorum needs an odd control plane of at least three (spec section 15.3).</summary>
internal sealed class HaReplicasOddRule : ISpecRule
{
    public string Id => "ha-replicas-odd";

    public string Summary => "With kubernetes.ha.enabled, controlPlaneReplicas is odd and at least 3; without HA it is 1.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var ha = document.Spec.Kubernetes.Ha;
        const string path = "spec.kubernetes.ha.controlPlaneReplicas";
        if (ha.Enabled && !HaQuorum.Holds(ha.ControlPlaneReplicas))
        {
            yield return new SpecFinding(path, $"with HA enabled, controlPlaneReplicas must be odd and at least 3 for etcd quorum, not {ha.ControlPlaneReplicas}");
        }
        else if (!ha.Enabled && ha.ControlPlaneReplicas != 1)
        {
            yield return new SpecFinding(path, $"with HA disabled there is exactly 1 control-plane node, not {ha.ControlPlaneReplicas}; enable kubernetes.ha for more");
        }
    }
}
