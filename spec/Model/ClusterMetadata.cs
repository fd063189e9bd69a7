using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Kubedos.Spec.Model;

/// <summary>Identity of a cluster.</summary>
internal sealed record ClusterMetadata
{
    [Required, Description("Cluster name (DNS-1123 label); names every resource the cluster owns.")]
    public string Name { get; init; } = "";

    [Description("Version of the platform artifact this cluster is built from.")]
    public string? ArtifactVersion { get; init; }

    [Description("Free-form labels copied onto substrate tags and outputs.")]
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
