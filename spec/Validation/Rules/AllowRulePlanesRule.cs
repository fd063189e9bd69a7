using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>Allow rules join two different declared planes.</summary>
internal sealed class AllowRulePlanesRule : ISpecRule
{
    public string Id => "policy-plane-declared";

    public string Summary => "Every allow rule's from and to name declared planes, and differ.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var planes = document.Spec.Networking.Planes;
        var rules = document.Spec.Networking.Policy.Allow;
        for (var i = 0; i < rules.Count; i++)
        {
            var path = $"spec.networking.policy.allow[{i}]";
            foreach (var (field, plane) in new[] { ("from", rules[i].From), ("to", rules[i].To) })
            {
                if (plane.Length > 0 && !planes.ContainsKey(plane))
                {
                    yield return new SpecFinding($"{path}.{field}", $"allow rule {i} names plane '{plane}', which is not declared (declared: {string.Join(", ", planes.Keys)})");
                }
            }

            if (rules[i].From.Length > 0 && rules[i].From == rules[i].To)
            {
                yield return new SpecFinding($"{path}.to", $"allow rule {i} goes from {rules[i].From} to itself; traffic within a plane is not inter-plane policy");
            }
        }
    }
}
