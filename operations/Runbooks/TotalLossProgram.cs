using System.Globalization;
using Kubedos.Components.Kubernetes;
using Kubedos.Engine.Automation;
using Kubedos.Operations.Drills;
using Kubedos.Operations.Gates;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Operations.Runbooks;

/// <summary>
/// <c>kubedos runbook total-loss</c> (spec §18) as a program over the automation API: every machine of the cluster is
/// gone, and only the state, the spec and the recovery bundle are left. With etcd (Kubernetes and converge on), the
/// bundle must verify under the stack's signing key; its newest etcd snapshot is kept beside it and named in the stack's
/// config (<c>kubedos:etcdRestoreSnapshot</c>), so every member restores it as the cluster bootstraps. Then one
/// <c>up --refresh</c> rebuilds every node (new machines, keys and identities) and runs every gate, and the first snapshot
/// of the rebuilt cluster must hold at least the restored snapshot's revision (an etcd started empty begins again at 1).
/// Each step goes into the operations log; the report into <c>out/&lt;stack&gt;/runbooks/</c>.
/// </summary>
/// <remarks>
/// The config key stays set afterwards: it records what the cluster was restored from and acts only when every member
/// starts with no data and none answers, never on a running cluster or a single replaced member.
/// </remarks>
internal static class TotalLossProgram
{
    public const string Name = "total-loss";

    /// <summary>The step that trusts, keeps and names the snapshot.</summary>
    public const string SourceStep = "restore-source";

    /// <summary>The step that makes every machine anew.</summary>
    public const string RebuildStep = "rebuild";

    /// <summary>The step that shows the rebuilt cluster holds the snapshot's data.</summary>
    public const string RestoredStep = "restored";

    /// <summary>Where the restored snapshot is kept, under <c>out/&lt;stack&gt;/</c> (outside the bundle, which each seal replaces whole).</summary>
    public const string RestoreFolder = "etcd-restore";

    /// <exception cref="OperationRefusedException">A machine still runs, or the bundle gives no trusted snapshot. Nothing was touched.</exception>
    public static async Task<(RunbookReport Report, string Path)> RunAsync(
        WorkspaceStack stack, NormalisedCluster cluster, string outDirectory, TotalLossOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        var time = options.Runbook.Time;
        var checkpoint = await stack.GetCheckpointAsync(cancellationToken);
        _ = AcceptanceTargets.Of(checkpoint, stack.Name);
        var running = new List<string>();
        foreach (var node in cluster.Nodes)
        {
            if (!await options.HostFailure.IsGoneAsync(stack.Name, node.Name, cancellationToken))
            {
                running.Add(node.Name);
            }
        }

        if (running.Count > 0)
        {
            // A run killed during its rebuild leaves some machines made: its up, run again, finishes it with the snapshot it named.
            var named = await stack.GetConfigAsync($"kubedos:{EtcdRestoreSource.ConfigKey}", cancellationToken);
            throw new OperationRefusedException(
                $"stack '{stack.Name}': total-loss rebuilds a cluster of which nothing runs, and {string.Join(", ", running)} still {(running.Count == 1 ? "runs" : "run")}: "
                + $"replace single machines with `kubedos up --refresh --stack {stack.Name}` or `kubedos runbook compromised-node`"
                + (named is null ? string.Empty : $" (a total-loss run stopped during its rebuild is finished by that up: kubedos:{EtcdRestoreSource.ConfigKey} names {named})")
                + "; nothing was touched");
        }

        // The data to restore is chosen and checked before anything changes.
        var runsEtcd = cluster.Kubernetes.Enabled && cluster.Orchestration.Ansible.Enabled;
        var snapshot = runsEtcd ? BundleSnapshot.Newest(Path.Combine(outDirectory, "recovery-bundle"), options.SigningKeyPin) : null;
        EtcdSnapshotStatus? restoring = null;
        if (snapshot is not null)
        {
            try
            {
                restoring = await EtcdSnapshotStatus.ReadAsync(snapshot.Path, cancellationToken);
            }
            catch (InvalidOperationException e)
            {
                throw new OperationRefusedException($"the bundle's newest etcd snapshot cannot be read: {e.Message}; nothing was touched");
            }
        }

        // The bundle's snapshots as they are now (the rebuild's seal replaces the bundle): none of them shows the rebuilt cluster.
        IReadOnlySet<string> bundled = snapshot is null
            ? new HashSet<string>()
            : Directory.GetFiles(Path.GetDirectoryName(snapshot.Path)!, "*.db").Select(f => Path.GetFileName(f)).ToHashSet(StringComparer.Ordinal);
        var plan = new List<RunbookStep>();
        if (snapshot is not null)
        {
            plan.Add(new RunbookStep(cluster.Name, SourceStep, []));
        }

        plan.Add(new RunbookStep(cluster.Name, RebuildStep, []));
        if (snapshot is not null)
        {
            plan.Add(new RunbookStep(cluster.Name, RestoredStep, []));
        }

        var log = new OperationsLog(outDirectory);
        var started = time.GetUtcNow();
        await log.AppendAsync(started, Name, stack.Name, "start", $"every node of {cluster.Name} is gone: {plan.Count} steps",
            new Dictionary<string, string>
            {
                ["nodes"] = string.Join(", ", cluster.Nodes.Select(n => n.Name)),
                ["snapshot"] = snapshot is null ? "none (the cluster runs no etcd)" : $"{snapshot.Name} sha256:{snapshot.Sha256}",
            }, cancellationToken);
        var recorder = new StepRecorder(log, Name, options.Runbook);
        var ok = true;
        var rebuildStarted = started;
        foreach (var step in plan.TakeWhile(_ => ok))
        {
            options.Runbook.OnStep?.Invoke(step, null);
            var at = time.GetUtcNow();
            rebuildStarted = step.Kind == RebuildStep ? at : rebuildStarted;
            ok = await recorder.RecordAsync(step.Kind switch
            {
                SourceStep => await KeepAsync(stack, step, snapshot!, restoring!, outDirectory, options, at, cancellationToken),
                RebuildStep => await RebuildAsync(stack, step, cluster, options, cancellationToken),
                _ => await RestoredAsync(step, bundled, restoring!, outDirectory, options, at, rebuildStarted, cancellationToken),
            }, cancellationToken);
        }

        var results = recorder.Results;
        var failures = ok ? new List<string>() : [$"stopped after {results[^1].Step.Kind}: {plan.Count - results.Count} later step(s) not run"];
        return await RotateProgram.FinishAsync(stack, new RunbookReport(Name, cluster.Name, stack.Name, cluster.Name, started, time.GetUtcNow(), results, plan.Count, failures), log, outDirectory, options.Runbook, cancellationToken);
    }

    // The snapshot copied out of the bundle (checked against the manifest's digest), the bundle's other snapshots put back
    // where the seal collects them, and the stack's config naming the copy.
    private static async Task<RunbookStepResult> KeepAsync(
        WorkspaceStack stack, RunbookStep step, BundleSnapshot snapshot, EtcdSnapshotStatus status, string outDirectory, TotalLossOptions options, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var done = new List<string>();
        try
        {
            var kept = Path.Combine(outDirectory, RestoreFolder, snapshot.Name);
            await SnapshotCopy.CopyCheckedAsync(snapshot.Path, kept, snapshot.Sha256, cancellationToken);
            var collected = Path.Combine(outDirectory, EtcdSnapshotFetch.Folder);
            var returned = 0;
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(snapshot.Path)!, "*.db"))
            {
                var target = Path.Combine(collected, Path.GetFileName(file));
                if (!File.Exists(target))
                {
                    Directory.CreateDirectory(collected);
                    File.Copy(file, target);
                    returned++;
                }
            }

            var relative = Path.GetRelativePath(options.ProjectDirectory, kept);
            var key = $"kubedos:{EtcdRestoreSource.ConfigKey}";
            var previous = await stack.GetConfigAsync(key, cancellationToken);
            await stack.SetConfigAsync(key, relative, secret: false, cancellationToken);
            done.Add($"{snapshot.Name} (sha256:{snapshot.Sha256}, taken {snapshot.TakenAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}, revision {status.Revision}, {status.TotalKey} keys) from the verified bundle, kept as {relative}");
            done.Add($"config {key} = {relative}{(previous is null || previous == relative ? string.Empty : $" (was {previous})")}: every etcd member restores it as the cluster bootstraps");
            if (returned > 0)
            {
                done.Add($"{returned} snapshot(s) of the bundle put back into {EtcdSnapshotFetch.Folder}/, so the next seal keeps them");
            }

            return new RunbookStepResult(step, at, options.Runbook.Time.GetUtcNow(), done, new Dictionary<string, string>(), []);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or Engine.Config.ConfigException)
        {
            return new RunbookStepResult(step, at, options.Runbook.Time.GetUtcNow(), done, new Dictionary<string, string>(), [e.Message]);
        }
    }

    // One up --refresh: every machine found gone and made anew, every gate run; then each node must be new throughout.
    private static async Task<RunbookStepResult> RebuildAsync(WorkspaceStack stack, RunbookStep step, NormalisedCluster cluster, TotalLossOptions options, CancellationToken cancellationToken)
    {
        var (beforeCheckpoint, beforeOutputs) = (await stack.GetCheckpointAsync(cancellationToken), await stack.GetOutputsAsync(cancellationToken));
        var result = await RotateProgram.StepAsync(stack, step, [], options.Runbook, refresh: true, cancellationToken);
        var (afterCheckpoint, afterOutputs) = (await stack.GetCheckpointAsync(cancellationToken), await stack.GetOutputsAsync(cancellationToken));
        var stale = cluster.Nodes
            .SelectMany(n => NodeFacts.Of(n.Name, afterOutputs, afterCheckpoint).NotRenewedSince(NodeFacts.Of(n.Name, beforeOutputs, beforeCheckpoint)))
            .ToList();
        return result with
        {
            Done = [.. result.Done, .. stale.Count == 0 ? [$"every node a new machine ({cluster.Nodes.Count}: instance, SSH host key, plane keys, enrollment certificate)"] : Array.Empty<string>()],
            Failures = [.. result.Failures, .. stale],
        };
    }

    // The rebuilt cluster's first snapshot (the up fetches one after converge) against the restored one.
    private static async Task<RunbookStepResult> RestoredAsync(
        RunbookStep step, IReadOnlySet<string> bundled, EtcdSnapshotStatus restored, string outDirectory, TotalLossOptions options, DateTimeOffset at, DateTimeOffset rebuildStarted,
        CancellationToken cancellationToken)
    {
        // Not one the bundle had (those were put back before the rebuild), and written while it ran.
        var folder = Path.Combine(outDirectory, EtcdSnapshotFetch.Folder);
        var taken = Directory.Exists(folder)
            ? new DirectoryInfo(folder).GetFiles("*.db")
                .Where(f => !bundled.Contains(f.Name) && f.LastWriteTimeUtc >= rebuildStarted.UtcDateTime)
                .OrderByDescending(f => f.LastWriteTimeUtc)
                .FirstOrDefault()
            : null;
        string? failure = null;
        string? done = null;
        if (taken is null)
        {
            failure = $"the rebuild took no etcd snapshot into {EtcdSnapshotFetch.Folder}/, so what the cluster holds is not shown";
        }
        else
        {
            try
            {
                var now = await EtcdSnapshotStatus.ReadAsync(taken.FullName, cancellationToken);
                if (now.Revision >= restored.Revision)
                {
                    done = $"the rebuilt cluster's snapshot {taken.Name} is at revision {now.Revision} ({now.TotalKey} keys), the restored one at {restored.Revision} ({restored.TotalKey} keys): its data came back";
                }
                else
                {
                    failure = $"the rebuilt cluster's snapshot {taken.Name} is at revision {now.Revision}, below the restored snapshot's {restored.Revision}: etcd started without the restored data";
                }
            }
            catch (InvalidOperationException e)
            {
                failure = e.Message;
            }
        }

        return new RunbookStepResult(step, at, options.Runbook.Time.GetUtcNow(), done is null ? [] : [done], new Dictionary<string, string>(), failure is null ? [] : [failure]);
    }
}
