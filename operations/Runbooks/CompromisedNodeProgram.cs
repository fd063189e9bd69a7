using Kubedos.Components.Enrollment;
using Kubedos.Components.Kubernetes;
using Kubedos.Engine.Automation;
using Kubedos.Operations.Drills;
using Kubedos.Operations.Gates;
using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Operations.Runbooks;

/// <summary>
/// <c>kubedos runbook compromised-node NODE</c> (spec §18) as a program over the automation API: fence the node at once
/// (every other node drops its peers and addresses, the operator its peer), revoke its identity in the enrollment state
/// (and a control plane's etcd certificates, <see cref="EtcdRevocations"/>),
/// destroy the machine, lift the fence, and make a replacement with new keys and identity (<c>up --refresh</c> replacing
/// its identity key, so its certificate and one-time token are minted after the revocation; with Kubernetes its etcd
/// keys too); when the node served enrollment, every other node's identity and token are renewed as well, one at a time.
/// Every gate runs in those ups. Each step goes into the operations log; the report into <c>out/&lt;stack&gt;/runbooks/</c>.
/// </summary>
internal static class CompromisedNodeProgram
{
    public const string Name = "compromised-node";

    /// <summary>The step that makes the replacement machine.</summary>
    public const string ReplaceStep = "replace";

    public static async Task<(RunbookReport Report, string Path)> RunAsync(
        WorkspaceStack stack, NormalisedCluster cluster, string node, string outDirectory, CompromiseOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        var target = cluster.Nodes.FirstOrDefault(n => n.Name == node)
            ?? throw new OperationRefusedException($"node '{node}' is not in cluster {cluster.Name} (nodes: {string.Join(", ", cluster.Nodes.Select(n => n.Name))})", askedWrong: true);
        var time = options.Runbook.Time;
        var checkpoint = await stack.GetCheckpointAsync(cancellationToken);
        _ = AcceptanceTargets.Of(checkpoint, stack.Name);
        var outputs = await stack.GetOutputsAsync(cancellationToken);
        var before = NodeFacts.Of(node, outputs, checkpoint);
        if (before.PlaneKeys.Count == 0)
        {
            throw new OperationRefusedException($"stack '{stack.Name}' records no plane keys for {node}: bring it up first (`kubedos up --stack {stack.Name}`)");
        }

        var fence = new NodeFence(
            node, before.PlaneKeys, [.. target.PlaneAddresses.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value.ToString())],
            [.. cluster.Nodes.Where(n => n.Name != node).Select(n => n.Name)]);
        var replaced = new List<(string Type, string Name)> { (RotationPlan.PrivateKeyType, $"{node}-identity") };
        if (cluster.Kubernetes.Enabled && target.Role == NodeRole.ControlPlane)
        {
            replaced.AddRange(RotationPlan.From(cluster, RotationPlan.EtcdCerts).Steps.Single(s => s.Subject == node).Resources);
        }

        // Where the node served enrollment it held every node's token: each of them enrolls again afterwards.
        var tokensExposed = node == cluster.PrimaryControlPlane.Name;
        var followUps = tokensExposed ? RotationPlan.From(cluster, RotationPlan.NodeCerts).Steps.Where(s => s.Subject != node).ToList() : [];
        var plan = new List<RunbookStep>
        {
            new(node, "fence", []),
            new(node, "revoke", []),
            new(node, "destroy", []),
            new(node, ReplaceStep, replaced),
        };
        plan.AddRange(followUps);
        var urns = plan.Where(s => s.Resources.Count > 0).ToDictionary(s => s, s => RotateProgram.Resolve(checkpoint, stack.Name, s));

        var log = new OperationsLog(outDirectory);
        var started = time.GetUtcNow();
        await log.AppendAsync(started, Name, node, "start", $"{node} treated as compromised: {plan.Count} steps",
            new Dictionary<string, string> { ["steps"] = string.Join(", ", plan.Select(s => $"{s.Kind} {s.Subject}")) }, cancellationToken);
        var recorder = new StepRecorder(log, Name, options.Runbook);
        Task<bool> Record(RunbookStepResult result) => recorder.RecordAsync(result, cancellationToken);

        async Task<bool> OutOfBand(RunbookStep step, Func<Task<IReadOnlyList<string>>> act)
        {
            options.Runbook.OnStep?.Invoke(step, null);
            var at = time.GetUtcNow();
            try
            {
                return await Record(new RunbookStepResult(step, at, time.GetUtcNow(), await act(), new Dictionary<string, string>(), []));
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or KeyNotFoundException or Kubedos.Enrollment.Revocation.EnrollmentStateFileException)
            {
                return await Record(new RunbookStepResult(step, at, time.GetUtcNow(), [], new Dictionary<string, string>(), [e.Message]));
            }
        }

        var ok = await OutOfBand(plan[0], () => options.Fence.FenceAsync(stack.Name, fence, checkpoint, cancellationToken))
            && await OutOfBand(plan[1], async () =>
            {
                var revoked = await StackRevocation.RevokeAsync(outDirectory, node, options.Reason, time, cancellationToken);
                var detail = new List<string>
                {
                    $"revoked {(revoked.Count == 0 ? "(already revoked)" : string.Join(", ", revoked.Select(r => r.Serial)))}; the next up hands the list to the enrollment service",
                };
                if (cluster.Kubernetes.Enabled && target.Role == NodeRole.ControlPlane)
                {
                    var etcd = EtcdRevocations.Revoke(outDirectory, node, options.Reason, time.GetUtcNow());
                    detail.Add($"etcd certificates revoked {(etcd.Count == 0 ? "(already revoked)" : string.Join(", ", etcd.Select(r => r.Serial)))}; the next up signs them into the etcd CA's revocation list, which every member checks");
                }

                return detail;
            })
            && await OutOfBand(plan[2], async () =>
            {
                // A run killed after this step's failure of the machine finds it gone: that is the outcome wanted, so a second
                // run goes on (fence again, revoke again, then lift) instead of stopping here with the fence left up.
                var destroyed = await options.HostFailure.IsGoneAsync(stack.Name, node, cancellationToken)
                    ? $"{node} is gone already (an earlier run, killed after destroying it, or the host)"
                    : await FailAsync();
                await options.Fence.LiftAsync(stack.Name, fence, cancellationToken);
                return [destroyed, "fence lifted: the machine it kept out is gone, its addresses are its replacement's"];
            });

        async Task<string> FailAsync()
        {
            await options.HostFailure.FailAsync(stack.Name, node, checkpoint, cancellationToken);
            return options.HostFailure.Describe(stack.Name, node);
        }

        if (ok)
        {
            options.Runbook.OnStep?.Invoke(plan[3], null);
            ok = await Record(await RotateProgram.StepAsync(stack, plan[3], urns[plan[3]], options.Runbook, refresh: true, cancellationToken));
        }

        foreach (var step in followUps.TakeWhile(_ => ok))
        {
            options.Runbook.OnStep?.Invoke(step, null);
            ok = await Record(await RotateProgram.StepAsync(stack, step, urns[step], options.Runbook, refresh: false, cancellationToken));
        }

        var results = recorder.Results;
        var failures = ok ? new List<string>() : [$"stopped after {results[^1].Step.Kind} {results[^1].Step.Subject}: {plan.Count - results.Count} later step(s) not run"];
        return await RotateProgram.FinishAsync(stack, new RunbookReport(Name, node, stack.Name, cluster.Name, started, time.GetUtcNow(), results, plan.Count, failures), log, outDirectory, options.Runbook, cancellationToken);
    }
}
