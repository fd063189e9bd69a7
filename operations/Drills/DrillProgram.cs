using System.Collections.Concurrent;
using System.Collections.Immutable;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Planning;
using Kubedos.Operations.Gates;

namespace Kubedos.Operations.Drills;

/// <summary>
/// A replace-don't-repair drill (spec §17.2) as a program over the automation API: from a lab whose gates pass, fail one
/// node out of band (<see cref="IHostFailure"/>), wait for the acceptance gates to notice (the verdict's evidence check in
/// a preview), recover through the engine alone (<c>up --refresh</c>: the node made anew, a fresh enrollment token, new
/// plane keys peered everywhere, every gate run again), and write the timed report to the recovery bundle.
/// </summary>
/// <remarks><c>kubedos drill run NAME</c> is a thin wrapper over it; the lab tests drive the same program in-process.</remarks>
internal static class DrillProgram
{
    /// <summary>The key stem a quorum witness writes under.</summary>
    public const string QuorumKeyPrefix = "kubedos/drills/";

    /// <summary>Runs <paramref name="plan"/> on <paramref name="stack"/> and writes its report under <paramref name="outDirectory"/> (<c>out/&lt;stack&gt;</c>).</summary>
    /// <returns>The report (passed or failed) and the path it was written to.</returns>
    /// <exception cref="OperationRefusedException">The drill cannot start: the gates do not pass now, or the lab is not this state's. Nothing was touched.</exception>
    public static async Task<(DrillReport Report, string Path)> RunAsync(
        WorkspaceStack stack, string cluster, DrillPlan plan, string outDirectory, DrillOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        var time = options.Time;
        var phases = new ConcurrentDictionary<DrillPhase, DateTimeOffset>();
        var failures = new List<string>();
        void Reached(DrillPhase phase)
        {
            var at = time.GetUtcNow();
            phases[phase] = at;
            options.OnPhase?.Invoke(phase, at);
        }

        // Before: the gates pass and rest on fresh evidence (a preview whose verdict needs no re-check).
        var checkpoint = await stack.GetCheckpointAsync(cancellationToken);
        var gates = AcceptanceTargets.Of(checkpoint, stack.Name);
        var outputs = await stack.GetOutputsAsync(cancellationToken);
        if (GateEvidence.Text(outputs, "acceptance") != "passed")
        {
            throw new OperationRefusedException($"stack '{stack.Name}': a drill starts from a lab whose gates pass; its acceptance output is '{GateEvidence.Text(outputs, "acceptance") ?? "missing"}' (run `kubedos acceptance --stack {stack.Name}`)");
        }

        if (await GateEvidence.StaleAsync(stack, gates, options.OnEvent, cancellationToken) is { } stale)
        {
            throw new OperationRefusedException($"stack '{stack.Name}': the gates' evidence is already stale before any fault ({stale}); run `kubedos up --refresh --stack {stack.Name}` first");
        }

        var before = NodeFacts.Of(plan.Node, outputs, checkpoint);
        var quorumKey = QuorumKeyPrefix + time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture) + "-" + plan.Name;
        if (options.Quorum is not null)
        {
            await options.Quorum.WriteAsync(quorumKey, plan.Node, checkpoint, cancellationToken);
        }

        // Fault, out of band.
        Reached(DrillPhase.Fault);
        await options.HostFailure.FailAsync(stack.Name, plan.Node, checkpoint, cancellationToken);

        // Detection: the gates are asked until their verdict says the evidence it rests on is gone.
        string? detectedBy = null;
        var limit = time.GetUtcNow() + options.DetectionLimit;
        while (detectedBy is null && time.GetUtcNow() < limit)
        {
            detectedBy = await GateEvidence.StaleAsync(stack, gates, options.OnEvent, cancellationToken);
            if (detectedBy is null)
            {
                await Task.Delay(options.DetectionInterval, time, cancellationToken);
            }
        }

        var quorum = options.Quorum is null ? QuorumNotApplicable(plan) : $"not shown: the drill stopped before {quorumKey} was read back after the recovery";
        var heldWhileGone = false;
        if (detectedBy is null)
        {
            failures.Add($"the acceptance gates did not notice the failure of {plan.Node} within {options.DetectionLimit.TotalSeconds:0} s");
        }
        else
        {
            Reached(DrillPhase.Detected);
            heldWhileGone = options.Quorum is not null && await options.Quorum.ReadAsync(quorumKey, cancellationToken) == plan.Node;
            if (options.Quorum is not null && !heldWhileGone)
            {
                quorum = $"lost: the key {quorumKey} written before the fault did not read back while {plan.Node} was gone";
                failures.Add($"quorum lost: the key {quorumKey} written before the fault does not read back while {plan.Node} is gone");
            }
        }

        if (options.BeforeRecovery is not null)
        {
            await options.BeforeRecovery(cancellationToken);
        }

        // Recovery through the engine alone: refresh records what is gone, the update makes it anew and every gate runs again.
        var events = new ConcurrentQueue<EngineEvent>();
        UpdateResult? recovered = null;
        try
        {
            recovered = await stack.UpAsync(new UpdateOptions { Refresh = true, OnEvent = e => { events.Enqueue(e); options.OnEvent?.Invoke(e); } }, cancellationToken);
        }
        catch (UpdateFailedException e)
        {
            failures.AddRange(e.Result?.Summary.Failures.Select(f => $"recovery: {f}") ?? [$"recovery: {e.Message}"]);
        }

        var after = await stack.GetCheckpointAsync(cancellationToken);
        var gateResources = AcceptanceTargets.Of(after, stack.Name).Probes.ToImmutableHashSet();
        var changed = events.OfType<ResourceOutputsEvent>().Where(e => e.Metadata.Op != StepKind.Same).ToList();
        var outside = changed.Where(e => !gateResources.Contains(e.Metadata.Urn)).Select(e => e.Timestamp).DefaultIfEmpty().Max();
        var rerun = changed.Where(e => gateResources.Contains(e.Metadata.Urn) && e.Metadata.Op is StepKind.Create or StepKind.Replace or StepKind.CreateReplacement)
            .Select(e => e.Metadata.Urn).ToHashSet();
        var afterOutputs = recovered?.Outputs ?? await stack.GetOutputsAsync(cancellationToken);
        var gateVerdicts = gateResources.Count == 0 ? new Dictionary<string, string>() : GateEvidence.Verdicts(after, AcceptanceTargets.Of(after, stack.Name));
        IReadOnlyList<string> renewed = [];
        if (recovered is not null)
        {
            if (outside != default)
            {
                phases[DrillPhase.Recovered] = outside;
                options.OnPhase?.Invoke(DrillPhase.Recovered, outside);
            }

            var notRenewed = NodeFacts.Of(plan.Node, afterOutputs, after).NotRenewedSince(before);
            failures.AddRange(notRenewed);
            renewed = notRenewed.Count == 0 ? ["instance", "ssh host key", "plane keys", "enrollment (a fresh one-time token, a new certificate)"] : [];
            var kept = gateResources.Where(u => !rerun.Contains(u)).Select(u => u.Name).Order(StringComparer.Ordinal).ToList();
            if (kept.Count > 0)
            {
                failures.Add($"{kept.Count} gate resource(s) kept results from before the fault: {string.Join(", ", kept)}");
            }

            if (GateEvidence.Text(afterOutputs, "acceptance") == "passed" && kept.Count == 0)
            {
                Reached(DrillPhase.Verified);
                if (options.Quorum is not null && await options.Quorum.ReadAsync(quorumKey, cancellationToken) != plan.Node)
                {
                    quorum = $"not shown: the key {quorumKey} written before the fault does not read back after the recovery";
                    failures.Add($"the key {quorumKey} written before the fault does not read back after the recovery");
                }
                else if (heldWhileGone)
                {
                    quorum = $"held: the key {quorumKey} written before the fault read back while {plan.Node} was gone and after its replacement";
                }
            }
            else
            {
                failures.Add($"the gates did not pass after the recovery (acceptance: {GateEvidence.Text(afterOutputs, "acceptance") ?? "missing"})");
            }
        }

        var report = new DrillReport(
            plan, stack.Name, cluster, options.HostFailure.Describe(stack.Name, plan.Node), phases, detectedBy, options.Target, renewed,
            rerun.Count, gateResources.Count, gateVerdicts, quorum, failures);
        return await ReportSeal.WriteAndSealAsync(
            stack, report, r => r.Write(outDirectory), (r, failure) => r with { Failures = [.. r.Failures, failure] }, options.OnEvent, cancellationToken);
    }

    private static string QuorumNotApplicable(DrillPlan plan) => plan.Role == Spec.Model.NodeRole.Worker
        ? "not applicable: a worker holds no etcd member"
        : "not applicable: Kubernetes is off, so the control plane holds no etcd member";
}
