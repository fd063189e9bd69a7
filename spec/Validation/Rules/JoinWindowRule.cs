using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>Join tokens expire: the join window is positive and bounded.</summary>
internal sealed class JoinWindowRule : ISpecRule
{
    private const int MaximumMinutes = 24 * 60;

    public string Id => "join-window";

    public string Summary => "security.enrollment.joinWindowMinutes is between 1 and 1440 (kubeadm's token default is 24 h).";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var minutes = document.Spec.Security.Enrollment.JoinWindowMinutes;
        if (minutes is < 1 or > MaximumMinutes)
        {
            yield return new SpecFinding("spec.security.enrollment.joinWindowMinutes", $"joinWindowMinutes is {minutes}; it must be 1-{MaximumMinutes} so join tokens expire");
        }
    }
}
