using Kubedos.Engine.State;

namespace Kubedos.Operations.Drills;

/// <summary>How a drill fails a node the way a host failure looks: out of band, behind the engine's back, never through it.</summary>
internal interface IHostFailure
{
    /// <summary>What failing <paramref name="node"/> does, for the report.</summary>
    string Describe(string stack, string node);

    /// <summary>Fails <paramref name="node"/> of <paramref name="stack"/>, whose lab <paramref name="checkpoint"/> must own.</summary>
    /// <exception cref="OperationRefusedException">The lab is not this state's; nothing was touched.</exception>
    Task FailAsync(string stack, string node, Checkpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>True when <paramref name="node"/>'s machine is gone already (failed by an earlier run that was then killed, or by the host).</summary>
    Task<bool> IsGoneAsync(string stack, string node, CancellationToken cancellationToken);
}
