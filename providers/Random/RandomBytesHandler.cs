using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;

namespace Kubedos.Providers.Random;

/// <summary>Inputs of <c>random:index:RandomBytes</c>.</summary>
internal sealed record RandomBytesInputs(
    int Length,
    [property: ReplaceOnChange("keepers changed: new bytes are generated")] IReadOnlyDictionary<string, string>? Keepers = null);

/// <summary>Outputs of <c>random:index:RandomBytes</c>: the same bytes in two encodings, both secret.</summary>
internal sealed record RandomBytesOutputs([property: Secret] string Base64, [property: Secret] string Hex, int Length);

/// <summary><c>random:index:RandomBytes</c>: key material (e.g. an encryption-at-rest key), secret in state.</summary>
internal sealed class RandomBytesHandler : ResourceHandler<RandomBytesInputs, RandomBytesOutputs>
{
    public override string Type => "random:index:RandomBytes";

    protected override IEnumerable<CheckFailure> Validate(RandomBytesInputs inputs)
    {
        if (inputs.Length is < 1 or > 4096)
        {
            yield return new CheckFailure("length", $"must be 1-4096 bytes, got {inputs.Length}");
        }
    }

    protected override Task<LiveResource<RandomBytesOutputs>> CreateAsync(Urn urn, RandomBytesInputs inputs, CancellationToken cancellationToken)
    {
        var bytes = SecretGenerator.Bytes(inputs.Length);
        var outputs = new RandomBytesOutputs(Convert.ToBase64String(bytes), Convert.ToHexStringLower(bytes), inputs.Length);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes);
        return Task.FromResult(new LiveResource<RandomBytesOutputs>(Guid.NewGuid().ToString("N"), outputs));
    }

    protected override Task<LiveResource<RandomBytesOutputs>?> ReadAsync(
        Urn urn, string? id, RandomBytesInputs inputs, RandomBytesOutputs? outputs, CancellationToken cancellationToken) =>
        Task.FromResult(id is null || outputs is null ? null : new LiveResource<RandomBytesOutputs>(id, outputs));

    protected override Task DeleteAsync(Urn urn, string id, RandomBytesInputs inputs, RandomBytesOutputs outputs, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
