using System.Collections.Concurrent;
using System.Collections.Immutable;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Execution;
using Kubedos.Engine.Model;

namespace Kubedos.Engine.Testing;

/// <summary>The resource monitor of a test deployment: records each registration and asks the mocks for custom resources.</summary>
internal sealed class MockMonitor(IMocks mocks, TestOptions options, CancellationToken cancellationToken) : IResourceMonitor
{
    private readonly ConcurrentDictionary<Urn, RecordedResource> _records = new();
    private readonly ConcurrentDictionary<string, PropertyMap> _componentOutputs = new();
    private readonly ProgramWork _work = new();
    private string? _programError;

    public string Project => options.ProjectName;

    public string StackName => options.StackName;

    public string ProjectDirectory => Path.GetFullPath(options.ProjectDirectory);

    public bool IsDryRun => options.IsPreview;

    public Resource? Root { get; private set; }

    public IReadOnlyDictionary<string, string> Config => options.Config;

    public async Task<DeploymentTestResult> RunAsync(StackProgram program)
    {
        await DeploymentScope.RunAsync(this, async () =>
        {
            try
            {
                var (stack, outputs) = await program.RunAsync().ConfigureAwait(false);
                RegisterOutputs(stack, outputs);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _programError = ex.Message;
            }
        }).ConfigureAwait(false);
        await _work.DrainAsync().ConfigureAwait(false);

        var resources = _records.Values
            .Select(r => _componentOutputs.TryGetValue(r.Urn, out var outputs) ? r with { Outputs = outputs } : r)
            .OrderBy(r => r.Urn, StringComparer.Ordinal)
            .ToImmutableArray();
        var stackOutputs = Root is null ? PropertyMap.Empty : _componentOutputs.GetValueOrDefault(Root.ResourceUrn.Value, PropertyMap.Empty);
        return new DeploymentTestResult(resources, stackOutputs, _programError);
    }

    public Task<RegistrationResult> RegisterAsync(ResourceRegistration registration)
    {
        if (registration.Type == Urn.RootStackType && Root is null)
        {
            Root = registration.Resource;
        }

        var record = new RecordedResource(
            registration.Urn.Value, registration.Type, registration.Name, registration.Custom, registration.Resource.Parent?.ResourceUrn.Value,
            PropertyMap.Empty, [], null, PropertyMap.Empty, null);
        if (!_records.TryAdd(registration.Urn, record))
        {
            var error = new ResourceFailedException(registration.Urn, "another resource already has this URN: resource names must be unique per type and parent");
            _programError ??= error.Message;
            return Task.FromException<RegistrationResult>(error);
        }

        var task = Task.Run(() => RegisterCoreAsync(registration), cancellationToken);
        _work.Track(task);
        return task;
    }

    public void TrackApply(Task task) => _work.Track(ObserveApplyAsync(task));

    public void RegisterOutputs(Resource component, IReadOnlyDictionary<string, object?> outputs) =>
        _work.Track(Task.Run(() => RecordOutputsAsync(component, outputs), cancellationToken));

    private async Task<RegistrationResult> RegisterCoreAsync(ResourceRegistration registration)
    {
        SerializedInputs inputs;
        ImmutableArray<Urn> dependencies;
        try
        {
            inputs = await InputSerializer.SerializeArgsAsync(registration.Args).ConfigureAwait(false);
            dependencies = await RegistrationDependencies.AwaitAsync(registration, inputs, Root).ConfigureAwait(false);
        }
        catch (ResourceFailedException ex)
        {
            throw Fail(registration, PropertyMap.Empty, [], $"skipped: a resource it depends on failed ({ex.Urn?.Value ?? ex.Message})", ex);
        }

        var dependencyUrns = dependencies.Select(u => u.Value).ToImmutableArray();
        _records[registration.Urn] = _records[registration.Urn] with { Inputs = inputs.Inputs, Dependencies = dependencyUrns };
        if (!registration.Custom)
        {
            return new RegistrationResult(null, PropertyMap.Empty);
        }

        var args = new MockResourceArgs(
            registration.Type, registration.Name, registration.Urn.Value, registration.Resource.Parent?.ResourceUrn.Value,
            inputs.Inputs, dependencyUrns, options.IsPreview);
        MockResourceResult answer;
        try
        {
            answer = await mocks.NewResourceAsync(args, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Fail(registration, inputs.Inputs, dependencyUrns, $"the mock failed: {ex.Message}", ex);
        }

        var id = options.IsPreview ? string.Empty : answer.Id;
        _records[registration.Urn] = _records[registration.Urn] with { Id = id, Outputs = answer.Outputs };
        return new RegistrationResult(id, answer.Outputs);
    }

    private ResourceFailedException Fail(ResourceRegistration registration, PropertyMap inputs, ImmutableArray<string> dependencies, string message, Exception cause)
    {
        _records[registration.Urn] = _records[registration.Urn] with { Inputs = inputs, Dependencies = dependencies, Error = message };
        return new ResourceFailedException(registration.Urn, message, cause);
    }

    private async Task RecordOutputsAsync(Resource component, IReadOnlyDictionary<string, object?> outputs)
    {
        try
        {
            var pairs = new List<KeyValuePair<string, PropertyValue>>();
            foreach (var (key, value) in outputs)
            {
                pairs.Add(KeyValuePair.Create(key, await InputSerializer.SerializeValueAsync(value, typeof(object), [], key).ConfigureAwait(false)));
            }

            _componentOutputs[component.ResourceUrn.Value] = PropertyMap.From(pairs);
        }
        catch (ResourceFailedException)
        {
            // An output came from a failed resource; that resource's record says why.
        }
    }

    private async Task ObserveApplyAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (ResourceFailedException)
        {
            // A resource it read failed; that resource's record says why.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _programError ??= $"a function given to Apply in the program failed: {ex.GetType().Name}: {ex.Message}";
        }
    }
}
