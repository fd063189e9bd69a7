using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Kubedos.Spec.Model;

/// <summary>An AWS region the nodes are launched in.</summary>
internal sealed record AwsSubstrate
{
    [Required, Description("AWS region, such as eu-central-1.")]
    public string Region { get; init; } = "";

    [Required, Description("CIDR of the VPC created for the cluster.")]
    public string VpcCidr { get; init; } = "";

    [Description("Zones nodes are spread over; failure domains map onto them.")]
    public IReadOnlyList<string> AvailabilityZones { get; init; } = [];

    [Description("AMI built from the platform artifact.")]
    public string? ImageId { get; init; }
}
