using System.ComponentModel;

namespace Kubedos.Spec.Model;

/// <summary>Salt bootstrap and discovery.</summary>
internal sealed record SaltSpec
{
    [Description("Whether Salt is used.")]
    public bool Enabled { get; init; } = false;

    [Description("What Salt is used for.")]
    public string? Purpose { get; init; }

    [Description("Pinned Salt version.")]
    public string? Version { get; init; }
}
