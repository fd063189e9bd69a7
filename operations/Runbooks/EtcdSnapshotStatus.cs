using System.Diagnostics;
using System.Text.Json;

namespace Kubedos.Operations.Runbooks;

/// <summary>
/// <c>etcdctl snapshot status -w json</c> of a snapshot file on the operator's host (etcd-client, which the snapshot
/// fetch already needs there, whatever the substrate): the store revision the snapshot holds and its key count. A cluster
/// restored from a snapshot keeps its revision, while one started empty begins again at 1, so comparing revisions shows a restore.
/// </summary>
internal sealed record EtcdSnapshotStatus(long Revision, long TotalKey)
{
    /// <exception cref="InvalidOperationException">etcdctl is missing, failed, or printed something else (a file that is no snapshot).</exception>
    public static async Task<EtcdSnapshotStatus> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("etcdctl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "snapshot", "status", path, "-w", "json" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ETCDCTL_API"] = "3";
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"etcdctl cannot run on this host ({e.Message}): scripts/install-host-deps.sh installs etcd-client", e);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"etcdctl snapshot status {path}: {(await stderr).Trim()}");
        }

        var text = await stdout;
        try
        {
            using var json = JsonDocument.Parse(text);
            return new EtcdSnapshotStatus(json.RootElement.GetProperty("revision").GetInt64(), json.RootElement.GetProperty("totalKey").GetInt64());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidOperationException($"etcdctl snapshot status {path} printed no status ({e.Message}): {text.Trim()}", e);
        }
    }
}
