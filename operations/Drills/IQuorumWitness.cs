using Kubedos.Engine.State;

namespace Kubedos.Operations.Drills;

/// <summary>
/// The data part of <c>delete-control-plane</c>: a key written to etcd before the fault must read back while the node is
/// gone (quorum held) and after its replacement joined.
/// </summary>
/// <remarks>
/// <see cref="QuorumWitnesses"/> gives one where the cluster runs etcd (on the local lab <see cref="Local.LocalEtcdWitness"/>);
/// a drill without one (a worker, or Kubernetes off) reports quorum as not applicable, never as held.
/// </remarks>
internal interface IQuorumWitness
{
    /// <summary>Writes <paramref name="value"/> at <paramref name="key"/>, in the cluster whose machines <paramref name="checkpoint"/>'s state made.</summary>
    /// <exception cref="OperationRefusedException">The machines are another state's, or etcd took no write; nothing was touched.</exception>
    Task WriteAsync(string key, string value, Checkpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>Reads <paramref name="key"/> in the cluster written to; null when it is not there, the cluster cannot answer, or nothing was written.</summary>
    Task<string?> ReadAsync(string key, CancellationToken cancellationToken);
}
