using Kubedos.Engine.Model;

namespace Kubedos.Providers.Random;

/// <summary>Inputs of <see cref="RandomId"/>.</summary>
public sealed class RandomIdArgs : ResourceArgs
{
    public required Input<int> ByteLength { get; init; }

    public Input<string>? Prefix { get; init; }

    /// <summary>Values whose change forces a new value.</summary>
    public IReadOnlyDictionary<string, Input<string>>? Keepers { get; init; }
}
