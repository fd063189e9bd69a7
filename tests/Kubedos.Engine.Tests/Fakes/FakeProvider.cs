using System.Collections.Concurrent;
using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;

namespace Kubedos.Engine.Tests.Fakes;

/// <summary>An in-memory provider for package "fake": real state in a dictionary, a call log, and switches for failures and delays.</summary>
internal sealed class FakeProvider(string package = "fake") : IResourceProvider
{
    private long _nextId;
    private int _running;

    public string Package { get; } = package;

    /// <summary>Live resources: id -> outputs.</summary>
    public ConcurrentDictionary<string, PropertyMap> Live { get; } = new();

    /// <summary>Every call as "op name" in order of start.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>Start and end ticks of each mutating call, for ordering and overlap assertions.</summary>
    public ConcurrentQueue<(string Call, long Start, long End)> Spans { get; } = new();

    public ConcurrentDictionary<string, bool> FailCreate { get; } = new();

    public ConcurrentDictionary<string, bool> FailDelete { get; } = new();

    public ConcurrentDictionary<string, bool> FailUpdate { get; } = new();

    /// <summary>Input keys whose change forces replacement.</summary>
    public HashSet<string> ReplaceKeys { get; } = ["immutable"];

    public TimeSpan Delay { get; set; }

    /// <summary>Awaited at the start of every read and mutating call, with the call ("read a", "create b").</summary>
    public Func<string, Task>? BeforeCall { get; set; }

    public int MaxConcurrent { get; private set; }

    public int Count(string op) => Calls.Count(c => c.StartsWith(op + " ", StringComparison.Ordinal));

    public PropertyMap? LiveByName(string name) =>
        Live.FirstOrDefault(kv => kv.Key.StartsWith(name + "#", StringComparison.Ordinal)).Value;

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken)
    {
        if (request.NewInputs.GetOrDefault("value") is { Kind: PropertyValueKind.String } v && v.AsString() == "invalid")
        {
            return Task.FromResult(new CheckResponse(request.NewInputs, [new CheckFailure("value", "'invalid' is not allowed")]));
        }

        return Task.FromResult(CheckResponse.Valid(request.NewInputs));
    }

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken)
    {
        var changed = request.OldInputs.Keys.Union(request.NewInputs.Keys)
            .Where(k => !Equals(request.OldInputs.GetOrDefault(k)?.WithoutSecrets(), request.NewInputs.GetOrDefault(k)?.WithoutSecrets()))
            .Order(StringComparer.Ordinal).ToList();
        if (changed.Count == 0)
        {
            return Task.FromResult(DiffResponse.NoChange);
        }

        var replace = changed.Where(ReplaceKeys.Contains).Select(k => new ReplaceReason(k, $"{k} is immutable")).ToList();
        return Task.FromResult(new DiffResponse(DiffChanges.Some, changed, replace));
    }

    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken)
    {
        if (request.Preview)
        {
            return new CreateResponse(string.Empty, request.Inputs.Set("serial", PropertyValue.Unknown));
        }

        return await TrackAsync($"create {request.Urn.Name}", cancellationToken, () =>
        {
            if (FailCreate.ContainsKey(request.Urn.Name))
            {
                throw new ProviderException(request.Urn, "value", "the fake refuses to create it");
            }

            var id = $"{request.Urn.Name}#{Interlocked.Increment(ref _nextId)}";
            var outputs = request.Inputs.Set("serial", PropertyValue.Of(id));
            Live[id] = outputs;
            return new CreateResponse(id, outputs);
        });
    }

    public async Task<ReadResponse> ReadAsync(ReadRequest request, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"read {request.Urn.Name}");
        if (BeforeCall is { } before)
        {
            await before($"read {request.Urn.Name}");
        }

        if (request.Id is null)
        {
            var found = Live.FirstOrDefault(kv => kv.Key.StartsWith(request.Urn.Name + "#", StringComparison.Ordinal));
            return found.Key is null ? ReadResponse.Gone : new ReadResponse(found.Key, request.Inputs, found.Value);
        }

        return Live.TryGetValue(request.Id, out var outputs) ? new ReadResponse(request.Id, request.Inputs, outputs) : ReadResponse.Gone;
    }

    public async Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken)
    {
        if (request.Preview)
        {
            return new UpdateResponse(request.NewInputs.Set("serial", request.OldOutputs.GetOrDefault("serial") ?? PropertyValue.Unknown));
        }

        return await TrackAsync($"update {request.Urn.Name}", cancellationToken, () =>
        {
            if (FailUpdate.ContainsKey(request.Urn.Name))
            {
                throw new ProviderException(request.Urn, null, "the fake refuses to update it");
            }

            var outputs = request.NewInputs.Set("serial", PropertyValue.Of(request.Id));
            Live[request.Id] = outputs;
            return new UpdateResponse(outputs);
        });
    }

    public Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken) =>
        TrackAsync($"delete {request.Urn.Name}", cancellationToken, () =>
        {
            if (FailDelete.ContainsKey(request.Urn.Name))
            {
                throw new ProviderException(request.Urn, null, "the fake refuses to delete it");
            }

            Live.TryRemove(request.Id, out _);
            return true;
        });

    private async Task<T> TrackAsync<T>(string call, CancellationToken cancellationToken, Func<T> body)
    {
        Calls.Enqueue(call);
        if (BeforeCall is { } before)
        {
            await before(call);
        }

        var start = Environment.TickCount64;
        var now = Interlocked.Increment(ref _running);
        lock (Calls)
        {
            MaxConcurrent = Math.Max(MaxConcurrent, now);
        }

        try
        {
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, cancellationToken);
            }

            return body();
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            Spans.Enqueue((call, start, Environment.TickCount64));
        }
    }
}
