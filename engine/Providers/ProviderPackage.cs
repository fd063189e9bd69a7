using System.Collections.Frozen;

namespace Kubedos.Engine.Providers;

/// <summary>A provider composed of one handler per resource type: <c>new ProviderPackage("tls", new PrivateKeyHandler(), ...)</c>.</summary>
public sealed class ProviderPackage : IResourceProvider
{
    private readonly FrozenDictionary<string, IResourceHandler> _handlers;

    public ProviderPackage(string package, params IResourceHandler[] handlers)
    {
        ArgumentException.ThrowIfNullOrEmpty(package);
        ArgumentNullException.ThrowIfNull(handlers);
        Package = package;
        foreach (var handler in handlers)
        {
            if (!handler.Type.StartsWith(package + ":", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Handler type '{handler.Type}' does not belong to package '{package}'.", nameof(handlers));
            }
        }

        var duplicate = handlers.GroupBy(h => h.Type, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Package '{package}' has two handlers for '{duplicate.Key}'.", nameof(handlers));
        }

        _handlers = handlers.ToFrozenDictionary(h => h.Type, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public string Package { get; }

    /// <summary>The type tokens this package serves.</summary>
    public IEnumerable<string> Types => _handlers.Keys;

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken) =>
        Handler(request.Urn, request.Type).CheckAsync(request, cancellationToken);

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken) =>
        Handler(request.Urn, request.Type).DiffAsync(request, cancellationToken);

    public Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken) =>
        Handler(request.Urn, request.Type).CreateAsync(request, cancellationToken);

    public Task<ReadResponse> ReadAsync(ReadRequest request, CancellationToken cancellationToken) =>
        Handler(request.Urn, request.Type).ReadAsync(request, cancellationToken);

    public Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken) =>
        Handler(request.Urn, request.Type).UpdateAsync(request, cancellationToken);

    public Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken) =>
        Handler(request.Urn, request.Type).DeleteAsync(request, cancellationToken);

    private IResourceHandler Handler(Model.Urn urn, string type) =>
        _handlers.TryGetValue(type, out var handler)
            ? handler
            : throw new ProviderException(urn, null, $"package '{Package}' has no resource type '{type}' (it serves {string.Join(", ", _handlers.Keys)}).");
}
