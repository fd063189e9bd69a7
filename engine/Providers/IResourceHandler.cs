namespace Kubedos.Engine.Providers;

/// <summary>The provider operations for one resource type; a <see cref="ProviderPackage"/> dispatches to these.</summary>
public interface IResourceHandler
{
    /// <summary>The type token this handler serves (<c>tls:index:PrivateKey</c>).</summary>
    string Type { get; }

    Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken);

    Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken);

    Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken);

    Task<ReadResponse> ReadAsync(ReadRequest request, CancellationToken cancellationToken);

    Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken);

    Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken);
}
