using Kubedos.Components.Kubernetes;
using Kubedos.Engine.State;
using Kubedos.Providers.Local;

namespace Kubedos.Operations.Drills.Local;

/// <summary>
/// The etcd witness on the local lab: <c>etcdctl</c> inside a running control plane other than the drilled node, with the
/// health-check client kubeadm's layout puts there, over every member's client URL. Reads are linearizable (etcd's default),
/// so a read answers only while a majority of the members does. It writes only into a lab the drill's own state made
/// (<see cref="StateLab"/>), and reads only there.
/// </summary>
internal sealed class LocalEtcdWitness(LocalLab lab, string stack, EtcdMembership membership, string drilled) : IQuorumWitness
{
    private string? owner;

    public LocalEtcdWitness(string stack, EtcdMembership membership, string drilled)
        : this(new LocalLab(), stack, membership, drilled)
    {
    }

    public async Task WriteAsync(string key, string value, Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        owner = await StateLab.RequireOwnedAsync(lab, stack, checkpoint, null, "a drill writes its quorum key into", cancellationToken);
        var (node, result) = await EtcdctlAsync($"put {Quote(key)} {Quote(value)}", cancellationToken);
        if (!result.Succeeded)
        {
            throw new OperationRefusedException($"etcd took no write through {node} before the fault ({result.Stderr.Trim()}): the drill does not start on a cluster without a quorum");
        }
    }

    public async Task<string?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        if (owner is null)
        {
            return null;
        }

        var (_, result) = await EtcdctlAsync($"get --print-value-only {Quote(key)}", cancellationToken);
        return result.Succeeded && result.Stdout.Length > 0 ? result.Stdout.TrimEnd('\n') : null;
    }

    private async Task<(string Node, ProcessResult Result)> EtcdctlAsync(string subcommand, CancellationToken cancellationToken)
    {
        var command = $"{EtcdClientCommand.For(string.Join(',', membership.ClientUrls))} {subcommand}";
        foreach (var member in membership.Members.Where(m => m.Name != drilled))
        {
            if (await lab.FindOwnedNodeAsync(stack, member.Name, owner, cancellationToken) is { } node)
            {
                return (member.Name, await node.ExecAsync(new NodeInvocation(["sh", "-c", command]), cancellationToken));
            }
        }

        return ("no member", new ProcessResult(1, string.Empty, $"no control plane of stack '{stack}' but {drilled} is running"));
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
