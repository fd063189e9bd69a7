using System.Globalization;
using System.Security.Cryptography;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Model;
using Kubedos.Engine.State;
using Kubedos.Operations.Drills;
using Kubedos.Operations.Gates;

namespace Kubedos.Operations.Runbooks;

/// <summary>
/// <c>kubedos runbook rotate</c> (spec §18) as a program over the automation API: from a stack whose gates pass, renew one
/// node's keys at a time (an up that replaces exactly that step's key resources, which re-peers or re-enrolls the node and
/// runs the gates it touches again), check that what the step names was renewed and that every gate passes before the next
/// step, and stop at the first step that fails, touching no further node. Each step is appended to the hash-chained
/// operations log; the dated report goes to <c>out/&lt;stack&gt;/runbooks/</c> and an up seals it into the bundle.
/// </summary>
internal static class RotateProgram
{
    public const string Name = "rotate";

    /// <exception cref="OperationRefusedException">The gates do not pass now, or the state lacks a resource the plan names. Nothing was touched.</exception>
    public static async Task<(RunbookReport Report, string Path)> RunAsync(
        WorkspaceStack stack, string cluster, RotationPlan plan, string outDirectory, RunbookOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        var time = options.Time;
        var checkpoint = await stack.GetCheckpointAsync(cancellationToken);
        var gates = AcceptanceTargets.Of(checkpoint, stack.Name);
        if (GateEvidence.Text(await stack.GetOutputsAsync(cancellationToken), "acceptance") is var verdict && verdict != "passed")
        {
            throw new OperationRefusedException($"stack '{stack.Name}': rotation starts from a stack whose gates pass; its acceptance output is '{verdict ?? "missing"}' (run `kubedos acceptance --stack {stack.Name}`)");
        }

        if (await GateEvidence.StaleAsync(stack, gates, options.OnEvent, cancellationToken) is { } stale)
        {
            throw new OperationRefusedException($"stack '{stack.Name}': the gates' evidence is stale ({stale}); run `kubedos up --refresh --stack {stack.Name}` first");
        }

        // Every step's resources are found before anything changes: a plan the state cannot carry out is refused whole.
        var urns = plan.Steps.ToDictionary(s => s, s => Resolve(checkpoint, stack.Name, s));
        var log = new OperationsLog(outDirectory);
        var started = time.GetUtcNow();
        await log.AppendAsync(started, Name, stack.Name, "start", $"--what {plan.What}: {plan.Steps.Count} steps, one node at a time",
            new Dictionary<string, string> { ["steps"] = string.Join(", ", plan.Steps.Select(s => $"{s.Kind} {s.Subject}")) }, cancellationToken);
        var results = new List<RunbookStepResult>();
        var failures = new List<string>();
        foreach (var step in plan.Steps)
        {
            options.OnStep?.Invoke(step, null);
            var result = await StepAsync(stack, step, urns[step], options, refresh: false, cancellationToken);
            results.Add(result);
            await log.AppendAsync(result.Finished, Name, step.Subject, result.Passed ? "renewed" : "failed", $"{step.Kind}: {string.Join("; ", result.Passed ? result.Done : result.Failures)}",
                new Dictionary<string, string>
                {
                    ["replaced"] = string.Join(", ", urns[step].Select(u => u.Name)),
                    ["seconds"] = (result.Finished - result.Started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
                    ["gates"] = string.Join(", ", result.Gates.Select(g => $"{g.Key}={g.Value}")),
                }, cancellationToken);
            options.OnStep?.Invoke(step, result);
            if (!result.Passed)
            {
                var left = plan.Steps.Count - results.Count;
                failures.Add($"stopped after {step.Kind} {step.Subject}: {left} later step(s) not run, no further node touched");
                break;
            }
        }

        return await FinishAsync(stack, new RunbookReport(Name, plan.What, stack.Name, cluster, started, time.GetUtcNow(), results, plan.Steps.Count, failures), log, outDirectory, options, cancellationToken);
    }

    /// <summary>The URNs of <paramref name="step"/>'s resources in <paramref name="checkpoint"/>.</summary>
    /// <exception cref="OperationRefusedException">One is missing or ambiguous.</exception>
    public static IReadOnlyList<Urn> Resolve(Checkpoint checkpoint, string stack, RunbookStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return [.. step.Resources.Select(r => Find(checkpoint, stack, r))];
    }

    /// <summary>
    /// Ends a runbook run: its last log entry, the report written, and an up that seals both into the bundle (the report
    /// and the log's new entries change the seal's inputs; nothing else changes).
    /// </summary>
    public static async Task<(RunbookReport Report, string Path)> FinishAsync(
        WorkspaceStack stack, RunbookReport report, OperationsLog log, string outDirectory, RunbookOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(options);
        await log.AppendAsync(report.Finished, report.Runbook, report.What, report.Passed ? "passed" : "failed",
            report.Passed ? $"{report.Steps.Count} steps, every gate passed after each" : string.Join("; ", report.Problems), new Dictionary<string, string>(), cancellationToken);
        return await ReportSeal.WriteAndSealAsync(
            stack, report, r => r.Write(outDirectory, AcceptanceReportSha256(outDirectory), log.Head()),
            (r, failure) => r with { Failures = [.. r.Failures, failure] }, options.OnEvent, cancellationToken);
    }

    /// <summary>
    /// One step: an up (after a refresh when <paramref name="refresh"/>) replacing exactly <paramref name="urns"/>, then what
    /// it must have renewed (each replaced key; for <c>node-certs</c> the service's serial; for <c>replace</c> the whole
    /// machine) and every gate, from the state the up left.
    /// </summary>
    public static async Task<RunbookStepResult> StepAsync(
        WorkspaceStack stack, RunbookStep step, IReadOnlyList<Urn> urns, RunbookOptions options, bool refresh, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(urns);
        ArgumentNullException.ThrowIfNull(options);
        var started = options.Time.GetUtcNow();
        var before = await stack.GetCheckpointAsync(cancellationToken);
        var beforeOutputs = await stack.GetOutputsAsync(cancellationToken);
        var failures = new List<string>();
        try
        {
            await stack.UpAsync(new UpdateOptions { Replace = [.. urns.Select(u => u.Value)], Refresh = refresh, OnEvent = options.OnEvent }, cancellationToken);
        }
        catch (UpdateFailedException e)
        {
            failures.AddRange(e.Result?.Summary.Failures.Select(f => $"up: {f}") ?? [$"up: {e.Message}"]);
        }

        var after = await stack.GetCheckpointAsync(cancellationToken);
        var afterOutputs = await stack.GetOutputsAsync(cancellationToken);
        var renewed = new List<string>();
        foreach (var urn in urns)
        {
            var (old, now) = (PublicHalf(before, urn), PublicHalf(after, urn));
            if (now is null || now == old)
            {
                failures.Add($"{urn.Name} was not renewed (its public key is {(now is null ? "gone from the state" : "the one from before")})");
            }
            else
            {
                renewed.Add($"{urn.Name}: new key");
            }
        }

        if (step.Kind == RotationPlan.NodeCerts)
        {
            var (old, now) = (NodeFacts.Of(step.Subject, beforeOutputs, before).CertificateSerial, NodeFacts.Of(step.Subject, afterOutputs, after).CertificateSerial);
            if (now is null || now == old)
            {
                failures.Add($"{step.Subject} did not enroll again (the service's certificate serial is {now ?? "unrecorded"})");
            }
            else
            {
                renewed.Add($"{step.Subject}: enrolled again with a fresh one-time token, certificate serial {old} -> {now}");
            }
        }

        if (step.Kind == CompromisedNodeProgram.ReplaceStep)
        {
            var stale = NodeFacts.Of(step.Subject, afterOutputs, after).NotRenewedSince(NodeFacts.Of(step.Subject, beforeOutputs, before));
            failures.AddRange(stale);
            if (stale.Count == 0)
            {
                renewed.Add($"{step.Subject}: a new machine (instance, SSH host key, every plane key, enrollment certificate)");
            }
        }

        var verdicts = GateEvidence.Verdicts(after, AcceptanceTargets.Of(after, stack.Name));
        failures.AddRange(verdicts.Where(g => g.Value != "passed").Select(g => $"gate {g.Key} is {g.Value} after the step"));
        if (GateEvidence.Text(afterOutputs, "acceptance") is var acceptance && acceptance != "passed")
        {
            failures.Add($"acceptance is '{acceptance ?? "missing"}' after the step");
        }

        return new RunbookStepResult(step, started, options.Time.GetUtcNow(), renewed, verdicts, failures);
    }

    private static Urn Find(Checkpoint checkpoint, string stack, (string Type, string Name) resource)
    {
        var found = checkpoint.Resources.Where(r => !r.Delete && r.Type == resource.Type && r.Urn.Name == resource.Name).Select(r => r.Urn).Distinct().ToList();
        return found.Count == 1
            ? found[0]
            : throw new OperationRefusedException(found.Count == 0
                ? $"stack '{stack}' has no {resource.Type} named '{resource.Name}' in its state: bring the stack up with this spec first (`kubedos up --stack {stack}`)"
                : $"stack '{stack}' has {found.Count} {resource.Type} resources named '{resource.Name}': {string.Join(", ", found)}");
    }

    // A KeyPair's publicKey, a PrivateKey's publicKeyPem: what a replacement must change.
    private static string? PublicHalf(Checkpoint checkpoint, Urn urn)
    {
        var state = checkpoint.Resources.FirstOrDefault(r => !r.Delete && r.Urn == urn);
        var value = state?.Outputs.GetOrDefault("publicKey") ?? state?.Outputs.GetOrDefault("publicKeyPem");
        return value?.Unwrapped is { Kind: PropertyValueKind.String } text ? text.AsString() : null;
    }

    private static string? AcceptanceReportSha256(string outDirectory)
    {
        var path = Path.Combine(outDirectory, "recovery-bundle", "acceptance-report.json");
        return File.Exists(path) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) : null;
    }
}
