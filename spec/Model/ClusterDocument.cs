using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Kubedos.Spec.Model;

/// <summary>A ClusterSpec document: the one declarative input of a Kube'd'OS cluster.</summary>
internal sealed record ClusterDocument
{
    [Required, Description("Schema version of the document; must be kubedos.ca/v1alpha1.")]
    public string ApiVersion { get; init; } = "";

    [Required, Description("Document kind; must be Cluster.")]
    public string Kind { get; init; } = "";

    [Required, Description("Identity of the cluster.")]
    public ClusterMetadata Metadata { get; init; } = new();

    [Required, Description("Desired state of the cluster.")]
    public ClusterSpec Spec { get; init; } = new();
}
