using Kubedos.Engine.Model;

namespace Kubedos.Providers.WireGuard;

/// <summary>Inputs of <see cref="KeyPair"/>.</summary>
public sealed class KeyPairArgs : ResourceArgs
{
    /// <summary>Replace the key once it is this many days old (spec <c>security.rotation.wireguardDays</c>); never when null.</summary>
    public Input<int>? RotationDays { get; init; }

    /// <summary>Values whose change forces a new key.</summary>
    public IReadOnlyDictionary<string, Input<string>>? Keepers { get; init; }
}
