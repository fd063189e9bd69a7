using System.ComponentModel;

namespace Kubedos.Spec.Model;

/// <summary>The CNI.</summary>
internal sealed record CniSpec
{
    [Description("cilium.")]
    public CniName Name { get; init; } = CniName.Cilium;

    [Description("Pinned CNI version.")]
    public string? Version { get; init; }

    [Description("Whether Hubble flow visibility is on. Defaults to true.")]
    public bool Hubble { get; init; } = true;

    [Description("Default network policy: deny (default) or allow.")]
    public InterPlaneDefault PolicyDefault { get; init; } = InterPlaneDefault.Deny;
}
