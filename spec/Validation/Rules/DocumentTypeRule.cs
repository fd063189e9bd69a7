using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>The document is a Kube'd'OS Cluster of a known schema version.</summary>
internal sealed class DocumentTypeRule : ISpecRule
{
    public const string ApiVersion = "kubedos.ca/v1alpha1";

    public string Id => "document-type";

    public string Summary => $"apiVersion is {ApiVersion} and kind is Cluster.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        if (document.ApiVersion.Length > 0 && document.ApiVersion != ApiVersion)
        {
            yield return new SpecFinding("apiVersion", $"apiVersion '{document.ApiVersion}' is not supported; use {ApiVersion}");
        }

        if (document.Kind.Length > 0 && document.Kind != "Cluster")
        {
            yield return new SpecFinding("kind", $"kind '{document.Kind}' is not supported; use Cluster");
        }
    }
}
