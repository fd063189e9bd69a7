using Kubedos.Engine.Providers;

namespace Kubedos.Infra.Tests.Policies;

/// <summary>Stands for the lab's <c>local:lab:Node</c> (or any type of <paramref name="package"/>) without root: each resource is a real file named by its <c>name</c> input, so a test can see what a run destroyed.</summary>
internal sealed class LabNodeStandInProvider(string directory, string package = "local") : IResourceProvider
{
    public string Package => package;

    public string NodeFile(string name) => Path.Combine(directory, name);

    public IReadOnlyList<string> Nodes => [.. Directory.EnumerateFiles(directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(CheckResponse.Valid(request.NewInputs));

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(request.OldInputs.Equals(request.NewInputs) ? DiffResponse.NoChange : new DiffResponse(DiffChanges.Some, ["name"], [new ReplaceReason("name", "a node is its name")]));

    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken)
    {
        var name = request.Inputs.GetOrDefault("name")?.Unwrapped is { Kind: Kubedos.Engine.Model.PropertyValueKind.String } n ? n.AsString() : request.Urn.Name;
        if (!request.Preview)
        {
            await File.WriteAllTextAsync(NodeFile(name), $"node {name}\n", cancellationToken);
        }

        return new CreateResponse(request.Preview ? string.Empty : name, request.Inputs);
    }

    public Task<ReadResponse> ReadAsync(ReadRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(request.Id is { } id && File.Exists(NodeFile(id)) ? new ReadResponse(id, request.Inputs, request.Outputs) : ReadResponse.Gone);

    public Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new UpdateResponse(request.NewInputs));

    public Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken)
    {
        File.Delete(NodeFile(request.Id));
        return Task.CompletedTask;
    }
}
