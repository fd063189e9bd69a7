using Kubedos.Engine.Model;

namespace Kubedos.Providers.Random;

/// <summary>Inputs of <see cref="RandomBytes"/>.</summary>
public sealed class RandomBytesArgs : ResourceArgs
{
    public required Input<int> Length { get; init; }

    /// <summary>Values whose change forces a new value.</summary>
    public IReadOnlyDictionary<string, Input<string>>? Keepers { get; init; }
}
