using Kubedos.Operations.Runbooks.Local;
using Kubedos.Spec.Model;

namespace Kubedos.Operations.Runbooks;

/// <summary>The fence of each substrate this build can fence a node on.</summary>
internal static class NodeFences
{
    /// <exception cref="OperationRefusedException">The substrate has no fence in this build.</exception>
    public static INodeFence For(SubstrateType type) => type switch
    {
        SubstrateType.Local => new LocalNodeFence(),
        _ => throw new OperationRefusedException($"spec.substrate.type {type.ToString().ToLowerInvariant()} has no node fence in this build (runbooks run on: local)", askedWrong: true),
    };
}
