using System.Collections.Concurrent;
using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;

namespace Kubedos.Bench.Engine;

/// <summary>An in-memory provider for package "bench"; every call sleeps <see cref="Latency"/> (zero by default).</summary>
internal sealed class BenchProvider(TimeSpan latency) : IResourceProvider
{
    private long _next;

    public ConcurrentDictionary<string, PropertyMap> Live { get; } = new();

    public TimeSpan Latency { get; } = latency;

    public string Package => "bench";

    public async Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken)
    {
        await SleepAsync(cancellationToken);
        return CheckResponse.Valid(request.NewInputs);
    }

    public async Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken)
    {
        await SleepAsync(cancellationToken);
        return request.OldInputs.Equals(request.NewInputs) ? DiffResponse.NoChange : new DiffResponse(DiffChanges.Some, ["value"], []);
    }

    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken)
    {
        if (request.Preview)
        {
            return new CreateResponse(string.Empty, request.Inputs.Set("id", PropertyValue.Unknown));
        }

        await SleepAsync(cancellationToken);
        var id = "id-" + Interlocked.Increment(ref _next);
        var outputs = request.Inputs.Set("id", id);
        Live[id] = outputs;
        return new CreateResponse(id, outputs);
    }

    public async Task<ReadResponse> ReadAsync(ReadRequest request, CancellationToken cancellationToken)
    {
        await SleepAsync(cancellationToken);
        return request.Id is not null && Live.TryGetValue(request.Id, out var o) ? new ReadResponse(request.Id, request.Inputs, o) : ReadResponse.Gone;
    }

    public async Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken)
    {
        await SleepAsync(cancellationToken);
        var outputs = request.NewInputs.Set("id", request.Id);
        if (!request.Preview)
        {
            Live[request.Id] = outputs;
        }

        return new UpdateResponse(outputs);
    }

    public async Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken)
    {
        await SleepAsync(cancellationToken);
        Live.TryRemove(request.Id, out _);
    }

    private Task SleepAsync(CancellationToken cancellationToken) =>
        Latency > TimeSpan.Zero ? Task.Delay(Latency, cancellationToken) : Task.CompletedTask;
}
