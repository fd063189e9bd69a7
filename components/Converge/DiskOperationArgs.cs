using Kubedos.Engine.Model;

namespace Kubedos.Components.Converge;

/// <summary>What a disk operation records for the policy pack (<c>destruction-boundary</c> reads <c>operation</c>).</summary>
internal sealed class DiskOperationArgs : ResourceArgs
{
    /// <summary><c>wipe</c> or <c>repartition</c>.</summary>
    public required string Operation { get; init; }

    /// <summary>The node.</summary>
    public required string Node { get; init; }

    /// <summary>The disk's name on its node.</summary>
    public required string Disk { get; init; }

    /// <summary>The block device it runs on.</summary>
    public required Input<string> Device { get; init; }
}
