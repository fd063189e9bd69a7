using System.Text.Json;
using Kubedos.Providers.Local;

namespace Kubedos.Operations.Runbooks;

/// <summary>
/// <c>etcdctl snapshot status -w json</c> of a snapshot file on the operator's host (etcd-client, which the snapshot
/// fetch already needs there): the store revision the snapshot holds and its key count. A cluster restored from a
/// snapshot keeps its revision, while one started empty begins again at 1, so comparing revisions shows a restore.
/// </summary>
internal sealed record EtcdSnapshotStatus(long Revision, long TotalKey)
{
    /// <exception cref="InvalidOperationException">etcdctl failed or printed something else (a file that is no snapshot).</exception>
    public static async Task<EtcdSnapshotStatus> ReadAsync(ICommandRunner runner, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var result = await runner.RunAsync(HostCommand.Of("etcdctl", "snapshot", "status", path, "-w", "json") with
        {
            Environment = new Dictionary<string, string> { ["ETCDCTL_API"] = "3" },
        }, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"etcdctl snapshot status {path}: {result.Stderr.Trim()}");
        }

        try
        {
            using var json = JsonDocument.Parse(result.Stdout);
            return new EtcdSnapshotStatus(json.RootElement.GetProperty("revision").GetInt64(), json.RootElement.GetProperty("totalKey").GetInt64());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidOperationException($"etcdctl snapshot status {path} printed no status ({e.Message}): {result.Stdout.Trim()}", e);
        }
    }
}
