using Kubedos.Engine.Model;

namespace Kubedos.Components.Planes;

/// <summary>Inputs of <see cref="FirewallRecord"/>.</summary>
internal sealed class FirewallRecordArgs : ResourceArgs
{
    public required string Node { get; init; }

    public required string DefaultInterPlane { get; init; }

    /// <summary>The opened flows: <c>[{from, to, ports: ["6443/tcp", ...]}]</c>.</summary>
    public required PropertyValue Allow { get; init; }
}
