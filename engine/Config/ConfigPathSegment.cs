using System.Globalization;

namespace Kubedos.Engine.Config;

/// <summary>One step of a <see cref="ConfigPath"/>: an object's property (<see cref="Name"/>) or a list's <see cref="Index"/>.</summary>
public readonly record struct ConfigPathSegment(string? Name, int Index)
{
    public static ConfigPathSegment Of(string name) => new(name, 0);

    public static ConfigPathSegment Of(int index) => new(null, index);

    /// <inheritdoc />
    public override string ToString() => Name is null ? $"[{Index.ToString(CultureInfo.InvariantCulture)}]" : Name;
}
