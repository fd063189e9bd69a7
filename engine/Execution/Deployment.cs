using System.Collections.Concurrent;
using System.Collections.Immutable;
using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Execution;

/// <summary>Runs a program: the monitor its resources register with, and the deletes that follow it.</summary>
/// <remarks>
/// Each registration is its own task: it awaits its inputs and the resources it depends on, then
/// takes one of the run's slots (bounded parallelism) for its provider calls. A failure faults the
/// resource's outputs, so dependents are skipped while independent resources go on.
/// </remarks>
internal sealed class Deployment : IResourceMonitor
{
    private readonly DeploymentRun _run;
    private readonly ResourceSteps _steps;
    private readonly ConcurrentDictionary<Urn, Resource> _registered = new();
    private readonly ProgramWork _work = new();
    private volatile bool _applyFailed;

    public Deployment(DeploymentRun run)
    {
        _run = run;
        _steps = new ResourceSteps(run);
    }

    public string Project => _run.Settings.Project;

    public string StackName => _run.Settings.Stack;

    public string ProjectDirectory => Path.GetFullPath(_run.Settings.WorkDir ?? Directory.GetCurrentDirectory());

    public Resource? Root { get; private set; }

    public IReadOnlyDictionary<string, string> Config => _run.Settings.Config;

    public bool IsDryRun => _run.Settings.DryRun;

    /// <summary>Runs the program, waits for every registration, then deletes what it no longer declares.</summary>
    public async Task RunAsync(Func<Task<(Stack Stack, IReadOnlyDictionary<string, object?> Outputs)>> program)
    {
        var programFailed = false;
        await DeploymentScope.RunAsync(this, async () =>
        {
            try
            {
                var (stack, outputs) = await program();
                RegisterOutputs(stack, outputs);
            }
            catch (Exception ex) when (ExceptionCause.Of(ex) is not OperationCanceledException)
            {
                programFailed = true;
                if (ExceptionCause.Of(ex) is ProgramException { Problems.Count: > 0 } rejected)
                {
                    // Each problem on its own (every spec diagnostic at its line), as validate reports them.
                    foreach (var problem in rejected.Problems)
                    {
                        _run.Fail(problem);
                    }
                }
                else
                {
                    _run.Fail(null, $"the program failed: {ExceptionCause.Of(ex).Message}");
                }
            }
        });
        await _work.DrainAsync();
        programFailed |= _applyFailed;

        var draft = _run.Journal?.Draft;
        var toDelete = new List<ResourceState>();
        var current = draft is null ? _run.Basis : draft.ToCheckpoint(_run.Now);
        foreach (var r in current.Resources)
        {
            if (r.Delete)
            {
                toDelete.Add(r);
            }
            else if (!programFailed && !_registered.ContainsKey(r.Urn) && _run.Settings.Targets.Names(r.Urn))
            {
                // Not declared any more. After a failed program nothing is deleted: what it did not
                // reach is unknown, not gone.
                toDelete.Add(r);
            }
        }

        if (programFailed && toDelete.Count > 0)
        {
            _run.Warn(null, "the program failed, so resources it no longer declares are not deleted in this run");
        }

        await new DeletePhase(_run).RunAsync(toDelete);
    }

    public Task<RegistrationResult> RegisterAsync(ResourceRegistration registration)
    {
        if (registration.Type == Urn.RootStackType && Root is null)
        {
            Root = registration.Resource;
        }

        if (!_registered.TryAdd(registration.Urn, registration.Resource))
        {
            var message = "another resource already has this URN: resource names must be unique per type and parent";
            _run.Fail(registration.Urn, message);
            return Task.FromException<RegistrationResult>(new ResourceFailedException(registration.Urn, message));
        }

        var task = Task.Run(() => RegisterCoreAsync(registration));
        _work.Track(task);
        return task;
    }

    public void RegisterOutputs(Resource component, IReadOnlyDictionary<string, object?> outputs)
    {
        _work.Track(Task.Run(() => RegisterOutputsCoreAsync(component, outputs)));
    }

    public void TrackApply(Task task) => _work.Track(ObserveApplyAsync(task));

    private async Task ObserveApplyAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (ResourceFailedException)
        {
            // A resource it read failed; that failure is already reported.
        }
        catch (Exception ex) when (ExceptionCause.Of(ex) is not OperationCanceledException)
        {
            // Like a failed program: what the function would have declared is unknown, not gone.
            _applyFailed = true;
            var cause = ExceptionCause.Of(ex);
            _run.Fail(null, $"a function given to Apply in the program failed: {cause.GetType().Name}: {cause.Message}");
        }
    }

    private async Task<RegistrationResult> RegisterCoreAsync(ResourceRegistration reg)
    {
        SerializedInputs inputs;
        ImmutableArray<Urn> dependencies;
        try
        {
            inputs = await InputSerializer.SerializeArgsAsync(reg.Args);
            dependencies = await RegistrationDependencies.AwaitAsync(reg, inputs, Root);
        }
        catch (ResourceFailedException ex)
        {
            var message = $"skipped: a resource it depends on failed ({ex.Urn?.Value ?? ex.Message})";
            _run.Warn(reg.Urn, message);
            throw new ResourceFailedException(reg.Urn, message, ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var message = $"its inputs could not be computed: {ExceptionCause.Of(ex).Message}";
            _run.Fail(reg.Urn, message);
            throw new ResourceFailedException(reg.Urn, message, ex);
        }

        if (!reg.Custom)
        {
            return await _steps.RunComponentAsync(reg, inputs, dependencies);
        }

        await _run.Slots.WaitAsync(_run.CancellationToken);
        try
        {
            return await _steps.RunCustomAsync(reg, inputs, dependencies);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_run.CancellationToken.IsCancellationRequested)
        {
            var message = ex is StepFailedException or ProviderException or TimeoutException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            _run.Fail(reg.Urn, message, _run.Announced(reg.Urn) ?? StepEvents.Metadata(Planning.StepKind.Create, reg.Urn, reg.Type, _run.Old.GetValueOrDefault(reg.Urn), null));
            throw new ResourceFailedException(reg.Urn, message, ex);
        }
        finally
        {
            _run.Slots.Release();
        }
    }

    private async Task RegisterOutputsCoreAsync(Resource component, IReadOnlyDictionary<string, object?> outputs)
    {
        try
        {
            var pairs = new List<KeyValuePair<string, PropertyValue>>();
            foreach (var (key, value) in outputs)
            {
                pairs.Add(KeyValuePair.Create(key, await InputSerializer.SerializeValueAsync(value, typeof(object), [], key)));
            }

            await component.Registration;
            await _steps.RecordOutputsAsync(component.ResourceUrn, PropertyMap.From(pairs));
        }
        catch (ResourceFailedException ex)
        {
            _run.Warn(component.ResourceUrn, $"outputs not recorded: {ex.Message}");
        }
        catch (Exception ex) when (ExceptionCause.Of(ex) is not OperationCanceledException)
        {
            // A function given to Apply failed: the run fails where that is observed (TrackApply); the outputs stay unrecorded.
            _run.Warn(component.ResourceUrn, $"outputs not recorded: {ExceptionCause.Of(ex).Message}");
        }
    }
}
