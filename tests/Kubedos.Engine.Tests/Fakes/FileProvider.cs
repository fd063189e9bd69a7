using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;

namespace Kubedos.Engine.Tests.Fakes;

/// <summary>A provider of real files: each resource is a file <c>&lt;name&gt;.&lt;random&gt;</c> in a directory, so a repeated create would leave an orphan.</summary>
/// <remarks>
/// With a pause set it announces each mutating call on stdout ("before-create x", "after-create x")
/// and sleeps after each announcement, so a test can kill the process at a chosen point.
/// </remarks>
internal sealed class FileProvider(string directory, TimeSpan pause, TextWriter? announce, string? holdAt = null) : IResourceProvider
{
    public const string TypeToken = "file:index:File";

    public string Package => "file";

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(CheckResponse.Valid(request.NewInputs));

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(request.OldInputs.Equals(request.NewInputs)
            ? DiffResponse.NoChange
            : new DiffResponse(DiffChanges.Some, ["content"], []));

    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken)
    {
        if (request.Preview)
        {
            return new CreateResponse(string.Empty, request.Inputs.Set("path", PropertyValue.Unknown));
        }

        await AnnounceAsync("before-create", request.Urn, cancellationToken);
        var id = $"{request.Urn.Name}.{Guid.NewGuid():N}";
        var path = Path.Combine(directory, id);
        await File.WriteAllTextAsync(path, Content(request.Inputs), cancellationToken);
        await AnnounceAsync("after-create", request.Urn, cancellationToken);
        return new CreateResponse(id, request.Inputs.Set("path", path));
    }

    public Task<ReadResponse> ReadAsync(ReadRequest request, CancellationToken cancellationToken)
    {
        var id = request.Id ?? Directory.EnumerateFiles(directory, request.Urn.Name + ".*").Select(Path.GetFileName).FirstOrDefault();
        if (id is null || !File.Exists(Path.Combine(directory, id)))
        {
            return Task.FromResult(ReadResponse.Gone);
        }

        var path = Path.Combine(directory, id);
        var outputs = PropertyMap.Of(("content", File.ReadAllText(path)), ("path", path));
        return Task.FromResult(new ReadResponse(id, request.Inputs, outputs));
    }

    public async Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken)
    {
        if (request.Preview)
        {
            return new UpdateResponse(request.NewInputs.Set("path", request.OldOutputs.GetOrDefault("path") ?? PropertyValue.Unknown));
        }

        await AnnounceAsync("before-update", request.Urn, cancellationToken);
        var path = Path.Combine(directory, request.Id);
        await File.WriteAllTextAsync(path, Content(request.NewInputs), cancellationToken);
        await AnnounceAsync("after-update", request.Urn, cancellationToken);
        return new UpdateResponse(request.NewInputs.Set("path", path));
    }

    public async Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken)
    {
        await AnnounceAsync("before-delete", request.Urn, cancellationToken);
        File.Delete(Path.Combine(directory, request.Id));
        await AnnounceAsync("after-delete", request.Urn, cancellationToken);
    }

    private static string Content(PropertyMap inputs) => inputs.GetOrDefault("content")?.Unwrapped.AsString() ?? string.Empty;

    private async Task AnnounceAsync(string what, Urn urn, CancellationToken cancellationToken)
    {
        if (announce is null)
        {
            return;
        }

        var line = $"{what} {urn.Name}";
        await announce.WriteLineAsync(line);
        await announce.FlushAsync(cancellationToken);

        // At the kill point the process waits to be killed, so a loaded machine cannot let it run past the point.
        await Task.Delay(line == holdAt ? Timeout.InfiniteTimeSpan : pause, cancellationToken);
    }
}
