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
    /// <summary>Writes <paramref name="value"/> at <paramref name="key"/>.</summary>
    Task WriteAsync(string key, string value, CancellationToken cancellationToken);

    /// <summary>Reads <paramref name="key"/>; null when it is not there or the cluster cannot answer.</summary>
    Task<string?> ReadAsync(string key, CancellationToken cancellationToken);
}
