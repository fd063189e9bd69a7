using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>The cluster name is a DNS-1123 label: it names namespaces, VMs and certificates.</summary>
internal sealed class ClusterNameRule : ISpecRule
{
    public string Id => "cluster-name-dns1123";

    public string Summary => "metadata.name is a DNS-1123 label (lowercase letters, digits, '-', at most 63).";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var name = document.Metadata.Name;
        if (name.Length > 0 && !Dns1123.IsLabel(name))
        {
            yield return new SpecFinding("metadata.name", $"cluster name '{name}' is not a DNS-1123 label (lowercase letters, digits and '-', at most 63 characters)");
        }
    }
}
