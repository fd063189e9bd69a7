using Kubedos.Engine.Model;

namespace Kubedos.Components.Planes;

/// <summary>Inputs of <see cref="PlaneRecord"/>.</summary>
internal sealed class PlaneRecordArgs : ResourceArgs
{
    public required string Name { get; init; }

    public required string Cidr { get; init; }
}
