using Kubedos.Engine.Model;

namespace Kubedos.Infra.Tests.Policies;

internal sealed class LabNodeStandInArgs : ResourceArgs
{
    public required string Name { get; init; }
}
