using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>The default verdict between planes is stated, never assumed (spec section 15.3).</summary>
internal sealed class DefaultInterPlaneRule : ISpecRule
{
    public string Id => "default-inter-plane-defined";

    public string Summary => "networking.policy.defaultInterPlane is set (deny recommended).";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        if (document.Spec.Networking.Policy.DefaultInterPlane is null)
        {
            yield return new SpecFinding("spec.networking.policy.defaultInterPlane", "networking.policy.defaultInterPlane must be set explicitly; 'deny' is recommended");
        }
    }
}
