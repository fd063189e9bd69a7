using Kubedos.Operations.Drills.Local;
using Kubedos.Spec.Model;

namespace Kubedos.Operations.Drills;

/// <summary>The host failure of each substrate this build can fail a node on.</summary>
internal static class HostFailures
{
    /// <exception cref="OperationRefusedException">The substrate has no host failure in this build.</exception>
    public static IHostFailure For(SubstrateType type) => type switch
    {
        SubstrateType.Local => new LocalHostFailure(),
        _ => throw new OperationRefusedException($"spec.substrate.type {type.ToString().ToLowerInvariant()} has no host failure in this build (drills run on: local)", askedWrong: true),
    };
}
