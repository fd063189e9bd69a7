using Kubedos.Engine.Model;

namespace Kubedos.Providers.WireGuard;

/// <summary>Inputs of <see cref="PresharedKey"/>.</summary>
public sealed class PresharedKeyArgs : ResourceArgs
{
    /// <summary>Values whose change forces a new key.</summary>
    public IReadOnlyDictionary<string, Input<string>>? Keepers { get; init; }
}
