using Kubedos.Engine.State;

namespace Kubedos.Operations.Runbooks;

/// <summary>The substrate's way to cut a node off from every other node and the operator at once, out of band, and to lift it.</summary>
internal interface INodeFence
{
    /// <summary>Fences <paramref name="fence"/>'s node on every other node and on the operator's host at once; returns what was done, one line each.</summary>
    /// <exception cref="OperationRefusedException">The lab is not this state's; nothing was touched.</exception>
    Task<IReadOnlyList<string>> FenceAsync(string stack, NodeFence fence, Checkpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>Lifts the fence on <paramref name="fence"/>'s other nodes.</summary>
    Task LiftAsync(string stack, NodeFence fence, CancellationToken cancellationToken);
}
