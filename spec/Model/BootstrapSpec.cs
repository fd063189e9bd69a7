using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Kubedos.Spec.Model;

/// <summary>How trust in the cluster CA is established.</summary>
internal sealed record BootstrapSpec
{
    [Required, Description("offline-ca, pinned-ca or to-fu (discouraged).")]
    public BootstrapModel Model { get; init; } = BootstrapModel.OfflineCa;

    [Description("Pin of the root CA, sha256:<64 hex> of its SubjectPublicKeyInfo.")]
    public string? CaFingerprint { get; init; }
}
