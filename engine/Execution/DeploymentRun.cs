using System.Collections.Concurrent;
using System.Collections.Immutable;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Model;
using Kubedos.Engine.Planning;
using Kubedos.Engine.Providers;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Execution;

/// <summary>The shared state of one running operation: settings, the old checkpoint, the journal, slots, events, counts and failures.</summary>
internal sealed class DeploymentRun
{
    private readonly ConcurrentQueue<OperationFailure> _failures = new();
    private readonly ConcurrentDictionary<string, int> _changes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Urn, StepEventMetadata> _announced = new();

    public DeploymentRun(DeploymentSettings settings, Checkpoint basis, ICheckpointJournal? journal, EventEmitter events, CancellationToken cancellationToken)
    {
        Settings = settings;
        Basis = basis;
        Journal = journal;
        Events = events;
        CancellationToken = cancellationToken;
        Slots = new SemaphoreSlim(Math.Max(1, settings.Parallel));
        _old = new ConcurrentDictionary<Urn, ResourceState>(basis.Resources.Where(r => !r.Delete).GroupBy(r => r.Urn).Select(g => KeyValuePair.Create(g.Key, g.Last())));
    }

    public DeploymentSettings Settings { get; }

    /// <summary>Collects the plan for policy packs; null when no pack runs.</summary>
    public PlanRecorder? Plan { get; init; }

    public bool DryRun => Settings.DryRun;

    /// <summary>The checkpoint the operation started from (after recovery).</summary>
    public Checkpoint Basis { get; }

    private readonly ConcurrentDictionary<Urn, ResourceState> _old;

    /// <summary>Live resources of the old checkpoint by URN (less those deleted ahead of a replacement).</summary>
    public IReadOnlyDictionary<Urn, ResourceState> Old => _old;

    /// <summary>Forgets an old resource deleted ahead of time, so its registration creates it anew.</summary>
    public void ForgetOld(Urn urn) => _old.TryRemove(urn, out _);

    /// <summary>The journal; null in a dry run, which writes nothing.</summary>
    public ICheckpointJournal? Journal { get; }

    public EventEmitter Events { get; }

    public SemaphoreSlim Slots { get; }

    public CancellationToken CancellationToken { get; }

    public IReadOnlyList<OperationFailure> Failures => [.. _failures];

    public ImmutableSortedDictionary<string, int> Changes => _changes.ToImmutableSortedDictionary(StringComparer.Ordinal);

    public DateTimeOffset Now => Settings.Time.GetUtcNow();

    public Task RecordAsync(params JournalOp[] ops) =>
        Journal is null ? Task.CompletedTask : Journal.AppendAsync(ops, CancellationToken.None);

    public void Count(StepKind kind)
    {
        // Pulumi counts a replacement once, as "replace", not also as its create and delete halves.
        if (kind is not (StepKind.CreateReplacement or StepKind.DeleteReplaced))
        {
            _changes.AddOrUpdate(kind.ToString().ToLowerInvariant(), 1, (_, n) => n + 1);
        }
    }

    public void Fail(Urn? urn, string message, StepEventMetadata? metadata = null, bool mandatoryPolicy = false)
    {
        _failures.Enqueue(new OperationFailure(urn, message, mandatoryPolicy));
        Events.Emit(new DiagnosticEvent(urn, message, DiagnosticSeverity.Error));
        if (metadata is not null)
        {
            Events.Emit(new ResourceOperationFailedEvent(metadata, message));
        }
    }

    /// <summary>Records a problem the program reported about its input (a spec line, a config key), with its location and rule.</summary>
    public void Fail(ProgramProblem problem)
    {
        _failures.Enqueue(new OperationFailure(null, problem.Message, Source: problem.Source, Rule: problem.Rule));
        Events.Emit(new DiagnosticEvent(null, problem.Message, DiagnosticSeverity.Error));
    }

    /// <summary>Announces a resource's step (its pre event) and remembers it, so a failure is reported as the step that failed.</summary>
    public void Announce(StepEventMetadata metadata, bool planning)
    {
        _announced[metadata.Urn] = metadata;
        Events.Emit(new ResourcePreEvent(metadata, planning));
    }

    /// <summary>The step last announced for <paramref name="urn"/>, if any.</summary>
    public StepEventMetadata? Announced(Urn urn) => _announced.GetValueOrDefault(urn);

    public void Warn(Urn? urn, string message) => Events.Emit(new DiagnosticEvent(urn, message, DiagnosticSeverity.Warning));

    public void Info(Urn? urn, string message) => Events.Emit(new DiagnosticEvent(urn, message, DiagnosticSeverity.Info));

    /// <summary>Runs a provider call under the resource's custom timeout (if any) and the operation's cancellation.</summary>
    public async Task<T> CallAsync<T>(Urn urn, string what, TimeSpan? timeout, Func<CancellationToken, Task<T>> call)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken);
        if (timeout is { } t)
        {
            cts.CancelAfter(t);
        }

        try
        {
            return await call(cts.Token);
        }
        catch (OperationCanceledException) when (!CancellationToken.IsCancellationRequested && timeout is not null)
        {
            throw new TimeoutException($"{what} of {urn.Value} timed out after {timeout.Value.TotalSeconds:0.###} s (CustomTimeouts)");
        }
    }

    /// <summary>A provider call bracketed by its pending operation: begun before, ended after success or a provider's declared failure.</summary>
    /// <remarks>
    /// A <see cref="ProviderException"/> is the provider saying the call failed cleanly. Anything
    /// else (a timeout, a cancellation, a crash, an unexpected exception) leaves the outcome
    /// unknown, so the operation stays pending and the next run resolves it through the provider.
    /// </remarks>
    public async Task<T> PendingCallAsync<T>(ResourceState resource, PendingOperationKind kind, string what, TimeSpan? timeout, Func<CancellationToken, Task<T>> call)
    {
        await RecordAsync(JournalOp.Begin(resource, kind));
        try
        {
            return await CallAsync(resource.Urn, what, timeout, call);
        }
        catch (ProviderException)
        {
            await RecordAsync(JournalOp.End(resource.Urn, kind));
            throw;
        }
    }

    public Task CallAsync(Urn urn, string what, TimeSpan? timeout, Func<CancellationToken, Task> call) =>
        CallAsync(urn, what, timeout, async ct =>
        {
            await call(ct);
            return true;
        });
}
