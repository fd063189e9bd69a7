using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>Every rotation period is positive: keys and certificates must expire.</summary>
internal sealed class RotationRule : ISpecRule
{
    public string Id => "rotation-positive";

    public string Summary => "security.rotation periods (wireguardDays, nodeCertDays, kubeCertDays) are at least 1 day.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var rotation = document.Spec.Security.Rotation;
        foreach (var (field, days) in new[] { ("wireguardDays", rotation.WireguardDays), ("nodeCertDays", rotation.NodeCertDays), ("kubeCertDays", rotation.KubeCertDays) })
        {
            if (days < 1)
            {
                yield return new SpecFinding($"spec.security.rotation.{field}", $"{field} is {days}; rotation periods are at least 1 day");
            }
        }
    }
}
