using Kubedos.Engine.Model;

namespace Kubedos.Providers.Random;

/// <summary>Inputs of <see cref="RandomPassword"/>; the character classes default to all on.</summary>
public sealed class RandomPasswordArgs : ResourceArgs
{
    public required Input<int> Length { get; init; }

    public Input<bool>? Upper { get; init; }

    public Input<bool>? Lower { get; init; }

    public Input<bool>? Numeric { get; init; }

    public Input<bool>? Special { get; init; }

    public Input<int>? MinUpper { get; init; }

    public Input<int>? MinLower { get; init; }

    public Input<int>? MinNumeric { get; init; }

    public Input<int>? MinSpecial { get; init; }

    public Input<string>? OverrideSpecial { get; init; }

    /// <summary>Values whose change forces a new value.</summary>
    public IReadOnlyDictionary<string, Input<string>>? Keepers { get; init; }
}
