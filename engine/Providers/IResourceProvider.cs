namespace Kubedos.Engine.Providers;

/// <summary>A resource provider for one package (<c>tls</c>, <c>wireguard</c>, <c>local</c>, ...).</summary>
/// <remarks>
/// The engine calls one provider per package and dispatches on each request's type token
/// (<c>tls:index:PrivateKey</c>). Calls for different resources may run concurrently.
/// </remarks>
public interface IResourceProvider
{
    /// <summary>The package this provider serves: the first part of its type tokens.</summary>
    string Package { get; }

    /// <summary>Validates and normalises new inputs (may fill defaults); read-only.</summary>
    Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken);

    /// <summary>Compares old state with new inputs: which properties changed and which force a replacement; read-only.</summary>
    Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken);

    /// <summary>Creates the resource; with <see cref="CreateRequest.Preview"/> it only predicts outputs and changes nothing.</summary>
    Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken);

    /// <summary>Reads the resource's live state; the response's id is null when it no longer exists.</summary>
    /// <remarks>
    /// With a null <see cref="ReadRequest.Id"/> the engine is recovering a create that was
    /// interrupted before its id was recorded: the provider looks the resource up by URN and
    /// inputs and answers with its id (adopt), or a null id when it was never made (retry).
    /// </remarks>
    Task<ReadResponse> ReadAsync(ReadRequest request, CancellationToken cancellationToken);

    /// <summary>Updates the resource in place; with <see cref="UpdateRequest.Preview"/> it only predicts outputs.</summary>
    Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken);

    /// <summary>Deletes the resource; deleting one that is already gone succeeds.</summary>
    Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken);
}
