using System.Runtime.Serialization;

namespace Kubedos.Spec.Model;

/// <summary>How placement spreads nodes.</summary>
internal enum PlacementStrategy
{
    [EnumMember(Value = "spread")]
    Spread,

    [EnumMember(Value = "pack")]
    Pack,
}
