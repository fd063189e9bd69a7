using System.Globalization;
using Kubedos.Components;
using Kubedos.Components.Endpoint;
using Kubedos.Components.Kubernetes;
using Kubedos.Components.Substrate;
using Kubedos.Engine.Automation;
using Kubedos.Operations.Gates;
using Kubedos.Operations.Runbooks;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Operations.Swap;

/// <summary>
/// <c>kubedos swap --from BLUE --to GREEN</c> (spec §18.4) as a program over the automation API, on a <see cref="ColourPair"/>
/// and the pair's endpoint stack (<see cref="EndpointStack"/>: a stable address on the host forwarded to the serving colour's
/// control plane, which reads that colour's outputs through a <c>StackReference</c>). Steps, each recorded and each stopping
/// the run when it fails:
/// <list type="number">
/// <item><c>endpoint</c> (the pair's first swap only): the endpoint is made, serving the old colour.</item>
/// <item><c>snapshot</c> (with etcd): the old colour takes a fresh etcd snapshot (an up whose only change is config <c>kubedos:etcdSnapshotRun</c>).</item>
/// <item><c>build</c>: the new colour, which holds nothing, is built from nothing with that snapshot restored on every member
/// (config <c>kubedos:etcdRestoreSnapshot</c>), and every gate runs.</item>
/// <item><c>data</c> (with etcd): the new colour's own first snapshot holds at least the restored revision.</item>
/// <item><c>switch</c>: the endpoint's config names the new colour and its up moves the forward (one nftables transaction).</item>
/// <item><c>retire</c> (with <see cref="SwapOptions.DestroyOld"/>): the old colour is destroyed, as the destruction-boundary policy allows.</item>
/// </list>
/// Until <c>switch</c> the old colour serves and is not changed beyond its snapshot; a failed swap leaves it serving.
/// Writes made to the old colour after its snapshot are not carried: the report names the snapshot's revision. One swap
/// runs at a time over an endpoint stack (<see cref="SwapLock"/>).
/// </summary>
internal static class SwapProgram
{
    public const string Name = "swap";
    public const string EndpointStep = "endpoint";
    public const string SnapshotStep = "snapshot";
    public const string BuildStep = "build";
    public const string DataStep = "data";
    public const string SwitchStep = "switch";
    public const string RetireStep = "retire";

    private static readonly string ServesKey = $"kubedos:{EndpointStack.ServesKey}";
    private static readonly string AddressKey = $"kubedos:{EndpointStack.AddressKey}";
    private static readonly string SubstrateKey = $"kubedos:{EndpointStack.SubstrateKey}";

    /// <exception cref="OperationRefusedException">Another swap of the pair runs, the old colour is not up and passing, the new one holds resources, or the endpoint serves another stack. Nothing was touched.</exception>
    public static async Task<(RunbookReport Report, string Path)> RunAsync(
        Workspace workspace, ColourPair pair, NormalisedCluster cluster, string toOutDirectory, SwapOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        var time = options.Runbook.Time;
        using var swapping = SwapLock.Take(options.ProjectDirectory, options.EndpointStack);

        // Everything is checked before anything changes.
        var substrate = SubstrateKinds.SpecName(cluster.Substrate.Type);
        if (!EndpointForwards.Substrates.Contains(substrate))
        {
            throw new OperationRefusedException($"stack '{pair.From}' runs on the {substrate} substrate; a swap's stable endpoint is made only on {string.Join(", ", EndpointForwards.Substrates)}", askedWrong: true);
        }

        var from = await workspace.SelectStackAsync(pair.From, cancellationToken);
        var fromOutputs = await from.GetOutputsAsync(cancellationToken);
        var fromEndpoint = GateEvidence.Text(fromOutputs, "controlPlaneEndpoint");
        if (GateEvidence.Text(fromOutputs, "acceptance") != "passed" || string.IsNullOrEmpty(fromEndpoint))
        {
            throw new OperationRefusedException($"stack '{pair.From}' is not serving: its last up {(GateEvidence.Text(fromOutputs, "acceptance") is { } verdict ? $"ended with acceptance '{verdict}'" : "recorded no acceptance")} and no control-plane endpoint; bring it up first (`kubedos up --stack {pair.From}`), nothing was touched");
        }

        if (await HeldAsync(workspace, pair.To, cancellationToken) is > 0 and var held)
        {
            throw new OperationRefusedException($"stack '{pair.To}' holds {held} resource(s): a swap builds the new colour from nothing, so destroy it first (`kubedos destroy --stack {pair.To}`); nothing was touched");
        }

        var endpointKnown = await HeldAsync(workspace, options.EndpointStack, cancellationToken) > 0;
        if (endpointKnown)
        {
            var endpoint = await workspace.SelectStackAsync(options.EndpointStack, cancellationToken);
            var serves = await endpoint.GetConfigAsync(ServesKey, cancellationToken);
            var target = GateEvidence.Text(await endpoint.GetOutputsAsync(cancellationToken), "target");
            if (serves != pair.From || target != fromEndpoint)
            {
                throw new OperationRefusedException($"endpoint stack '{options.EndpointStack}' serves '{serves}' at {target ?? "nothing"}, not '{pair.From}' at {fromEndpoint}: swap from the colour it serves; nothing was touched", askedWrong: true);
            }
        }
        else if (string.IsNullOrEmpty(options.EndpointAddress))
        {
            throw new OperationRefusedException($"endpoint stack '{options.EndpointStack}' does not exist yet: the pair's first swap makes it, so give --endpoint-address (an IPv4 address for operators to dial); nothing was touched", askedWrong: true);
        }

        var runsEtcd = cluster.Kubernetes.Enabled && cluster.Orchestration.Ansible.Enabled;
        var plan = new List<RunbookStep>();
        if (!endpointKnown)
        {
            plan.Add(new RunbookStep(options.EndpointStack, EndpointStep, []));
        }

        if (runsEtcd)
        {
            plan.Add(new RunbookStep(pair.From, SnapshotStep, []));
        }

        plan.Add(new RunbookStep(pair.To, BuildStep, []));
        if (runsEtcd)
        {
            plan.Add(new RunbookStep(pair.To, DataStep, []));
        }

        plan.Add(new RunbookStep(options.EndpointStack, SwitchStep, []));
        if (options.DestroyOld)
        {
            plan.Add(new RunbookStep(pair.From, RetireStep, []));
        }

        var log = new OperationsLog(toOutDirectory);
        var started = time.GetUtcNow();
        await log.AppendAsync(started, Name, pair.To, "start", $"{pair.From} -> {pair.To}: {plan.Count} steps", new Dictionary<string, string>
        {
            ["from"] = pair.From,
            ["to"] = pair.To,
            ["endpoint"] = options.EndpointStack,
            ["ranges"] = string.Join(", ", pair.Cidrs.Select(c => $"{c.What} {c.FromCidr} -> {c.ToCidr}")),
        }, cancellationToken);
        var recorder = new StepRecorder(log, Name, options.Runbook);
        var to = await workspace.CreateOrSelectStackAsync(pair.To, cancellationToken);
        var run = new SwapRun(workspace, pair, cluster, from, to, fromEndpoint, toOutDirectory, options);
        var ok = true;
        foreach (var step in plan.TakeWhile(_ => ok))
        {
            options.Runbook.OnStep?.Invoke(step, null);
            var at = time.GetUtcNow();
            RunbookStepResult result;
            try
            {
                result = step.Kind switch
                {
                    EndpointStep => await run.EndpointAsync(step, at, cancellationToken),
                    SnapshotStep => await run.SnapshotAsync(step, at, cancellationToken),
                    BuildStep => await run.BuildAsync(step, cancellationToken),
                    DataStep => await run.DataAsync(step, at, cancellationToken),
                    SwitchStep => await run.SwitchAsync(step, at, cancellationToken),
                    _ => await run.RetireAsync(step, at, cancellationToken),
                };
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or Engine.Config.ConfigException or Engine.State.StateException)
            {
                result = new RunbookStepResult(step, at, time.GetUtcNow(), [], new Dictionary<string, string>(), [e.Message]);
            }

            ok = await recorder.RecordAsync(result, cancellationToken);
        }

        var results = recorder.Results;
        var failures = ok ? new List<string>() : [$"stopped after {results[^1].Step.Kind}: {plan.Count - results.Count} later step(s) not run; {run.Serving()}"];
        var report = new RunbookReport(Name, $"{pair.From} -> {pair.To}", pair.To, cluster.Name, started, time.GetUtcNow(), results, plan.Count, failures);
        return await RotateProgram.FinishAsync(to, report, log, toOutDirectory, options.Runbook, cancellationToken);
    }

    /// <summary>How many live resources a stack's state holds.</summary>
    internal static async Task<int> HeldAsync(Workspace workspace, string stack, CancellationToken cancellationToken)
    {
        if (!(await workspace.ListStacksAsync(cancellationToken)).Contains(stack, StringComparer.Ordinal))
        {
            return 0;
        }

        var selected = await workspace.SelectStackAsync(stack, cancellationToken);
        return (await selected.GetCheckpointAsync(cancellationToken)).Resources.Count(r => !r.Delete);
    }

    /// <summary>One swap's stacks and what its steps hand each other.</summary>
    private sealed class SwapRun(Workspace workspace, ColourPair pair, NormalisedCluster cluster, WorkspaceStack from, WorkspaceStack to, string fromEndpoint, string toOutDirectory, SwapOptions options)
    {
        private EtcdSnapshotStatus? restored;
        private bool switched;

        private TimeProvider Time => options.Runbook.Time;

        public string Serving() => switched ? $"the endpoint serves '{pair.To}'" : $"the endpoint still serves '{pair.From}', which is unchanged";

        public async Task<RunbookStepResult> EndpointAsync(RunbookStep step, DateTimeOffset at, CancellationToken cancellationToken)
        {
            var endpoint = await workspace.CreateOrSelectStackAsync(options.EndpointStack, cancellationToken);
            await endpoint.SetConfigAsync(AddressKey, options.EndpointAddress!, secret: false, cancellationToken);
            await endpoint.SetConfigAsync(ServesKey, pair.From, secret: false, cancellationToken);
            await endpoint.SetConfigAsync(SubstrateKey, SubstrateKinds.SpecName(cluster.Substrate.Type), secret: false, cancellationToken);
            var failures = await UpAsync(endpoint, cancellationToken);
            var target = GateEvidence.Text(await endpoint.GetOutputsAsync(cancellationToken), "target");
            if (failures.Count == 0 && target != fromEndpoint)
            {
                failures.Add($"the endpoint forwards to {target ?? "nothing"}, not '{pair.From}''s control plane {fromEndpoint}");
            }

            return Result(step, at, failures.Count == 0 ? [$"{options.EndpointAddress} (ports {string.Join(", ", StableEndpoint.Ports)}) forwards to '{pair.From}''s control plane {fromEndpoint}"] : [], failures);
        }

        public async Task<RunbookStepResult> SnapshotAsync(RunbookStep step, DateTimeOffset at, CancellationToken cancellationToken)
        {
            var run = at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-swap";
            await from.SetConfigAsync($"kubedos:{KubedosStack.SnapshotRunKey}", run, secret: false, cancellationToken);
            var failures = await UpAsync(from, cancellationToken);
            if (failures.Count > 0)
            {
                return Result(step, at, [], failures);
            }

            var snapshot = SnapshotPath(await from.GetOutputsAsync(cancellationToken), pair.From);
            restored = await EtcdSnapshotStatus.ReadAsync(snapshot, cancellationToken);
            var kept = Path.Combine(toOutDirectory, TotalLossProgram.RestoreFolder, Path.GetFileName(snapshot));
            var sha256 = await SnapshotCopy.CopyCheckedAsync(snapshot, kept, null, cancellationToken);
            var relative = Path.GetRelativePath(options.ProjectDirectory, kept);
            await to.SetConfigAsync($"kubedos:{EtcdRestoreSource.ConfigKey}", relative, secret: false, cancellationToken);
            return Result(step, at,
            [
                $"'{pair.From}' took {Path.GetFileName(snapshot)} at revision {restored.Revision} ({restored.TotalKey} keys); writes to it after this are not carried",
                $"kept as {relative} (sha256:{sha256}), named in '{pair.To}''s kubedos:{EtcdRestoreSource.ConfigKey}",
            ], []);
        }

        public async Task<RunbookStepResult> BuildAsync(RunbookStep step, CancellationToken cancellationToken)
        {
            var result = await RotateProgram.StepAsync(to, step, [], options.Runbook, refresh: false, cancellationToken);
            var endpoint = GateEvidence.Text(await to.GetOutputsAsync(cancellationToken), "controlPlaneEndpoint");
            return result.Passed
                ? result with { Done = [.. result.Done, $"'{pair.To}' built from nothing, every gate passed; its control plane is {endpoint}"] }
                : result;
        }

        public async Task<RunbookStepResult> DataAsync(RunbookStep step, DateTimeOffset at, CancellationToken cancellationToken)
        {
            var snapshot = SnapshotPath(await to.GetOutputsAsync(cancellationToken), pair.To);
            var now = await EtcdSnapshotStatus.ReadAsync(snapshot, cancellationToken);
            return now.Revision >= restored!.Revision
                ? Result(step, at, [$"'{pair.To}''s own snapshot {Path.GetFileName(snapshot)} is at revision {now.Revision} ({now.TotalKey} keys), '{pair.From}''s at {restored.Revision} ({restored.TotalKey} keys): it holds the old colour's data"], [])
                : Result(step, at, [], [$"'{pair.To}''s own snapshot {Path.GetFileName(snapshot)} is at revision {now.Revision}, below the restored {restored.Revision}: its etcd started without '{pair.From}''s data"]);
        }

        public async Task<RunbookStepResult> SwitchAsync(RunbookStep step, DateTimeOffset at, CancellationToken cancellationToken)
        {
            var endpoint = await workspace.SelectStackAsync(options.EndpointStack, cancellationToken);
            var toEndpoint = GateEvidence.Text(await to.GetOutputsAsync(cancellationToken), "controlPlaneEndpoint");
            await endpoint.SetConfigAsync(ServesKey, pair.To, secret: false, cancellationToken);
            var failures = await UpAsync(endpoint, cancellationToken);
            var outputs = await endpoint.GetOutputsAsync(cancellationToken);
            var target = GateEvidence.Text(outputs, "target");
            switched = target == toEndpoint && GateEvidence.Text(outputs, "serves") == pair.To;
            if (!switched)
            {
                // The forward did not move: the stack file goes back to naming what is served.
                await endpoint.SetConfigAsync(ServesKey, pair.From, secret: false, cancellationToken);
                failures.Add($"the endpoint forwards to {target ?? "nothing"}, not '{pair.To}''s control plane {toEndpoint}");
            }

            return Result(step, at, switched ? [$"{GateEvidence.Text(outputs, "address")} now forwards to '{pair.To}''s control plane {toEndpoint} (was '{pair.From}''s {fromEndpoint})"] : [], failures);
        }

        public async Task<RunbookStepResult> RetireAsync(RunbookStep step, DateTimeOffset at, CancellationToken cancellationToken)
        {
            try
            {
                var result = await from.DestroyAsync(new DestroyOptions { OnEvent = options.Runbook.OnEvent }, cancellationToken);
                return Result(step, at, [$"'{pair.From}' destroyed ({result.Summary.Count("delete")} resources)"], []);
            }
            catch (UpdateFailedException e)
            {
                return Result(step, at, [], [.. (e.Result?.Summary.Failures.Select(f => $"destroy: {f}") ?? [$"destroy: {e.Message}"]), $"'{pair.From}' is kept (unserved): destroy it when the policy allows"]);
            }
        }

        private async Task<List<string>> UpAsync(WorkspaceStack stack, CancellationToken cancellationToken)
        {
            try
            {
                await stack.UpAsync(new UpdateOptions { OnEvent = options.Runbook.OnEvent }, cancellationToken);
                return [];
            }
            catch (UpdateFailedException e)
            {
                return [.. e.Result?.Summary.Failures.Select(f => $"up {stack.Name}: {f}") ?? [$"up {stack.Name}: {e.Message}"]];
            }
        }

        private string SnapshotPath(IReadOnlyDictionary<string, OutputValue> outputs, string stack) =>
            GateEvidence.Text(outputs, "etcdSnapshot") is { Length: > 0 } relative
                ? Path.GetFullPath(relative, options.ProjectDirectory)
                : throw new InvalidOperationException($"stack '{stack}' recorded no etcd snapshot (output etcdSnapshot)");

        private RunbookStepResult Result(RunbookStep step, DateTimeOffset at, IReadOnlyList<string> done, IReadOnlyList<string> failures) =>
            new(step, at, Time.GetUtcNow(), done, new Dictionary<string, string>(), failures);
    }
}
