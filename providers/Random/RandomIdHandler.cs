using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;

namespace Kubedos.Providers.Random;

/// <summary>Inputs of <c>random:index:RandomId</c>.</summary>
internal sealed record RandomIdInputs(
    int ByteLength,
    string Prefix = "",
    [property: ReplaceOnChange("keepers changed: a new id is generated")] IReadOnlyDictionary<string, string>? Keepers = null);

/// <summary>Outputs of <c>random:index:RandomId</c>.</summary>
/// <remarks>
/// Not secret, as in Pulumi: an id exists to be printed in names (buckets, clusters, suffixes).
/// Use RandomBytes or RandomPassword for anything that must stay hidden.
/// </remarks>
internal sealed record RandomIdOutputs(string Hex, string B64Url, string B64Std, string Dec);

/// <summary><c>random:index:RandomId</c>: a random, printable identifier.</summary>
internal sealed class RandomIdHandler : ResourceHandler<RandomIdInputs, RandomIdOutputs>
{
    public override string Type => "random:index:RandomId";

    protected override IEnumerable<CheckFailure> Validate(RandomIdInputs inputs)
    {
        if (inputs.ByteLength is < 1 or > 256)
        {
            yield return new CheckFailure("byteLength", $"must be 1-256, got {inputs.ByteLength}");
        }
    }

    protected override Task<LiveResource<RandomIdOutputs>> CreateAsync(Urn urn, RandomIdInputs inputs, CancellationToken cancellationToken)
    {
        var encoding = RandomIdEncoding.Of(SecretGenerator.Bytes(inputs.ByteLength), inputs.Prefix);
        var outputs = new RandomIdOutputs(encoding.Hex, encoding.B64Url, encoding.B64Std, encoding.Dec);
        return Task.FromResult(new LiveResource<RandomIdOutputs>(encoding.B64Url, outputs));
    }

    protected override Task<LiveResource<RandomIdOutputs>?> ReadAsync(
        Urn urn, string? id, RandomIdInputs inputs, RandomIdOutputs? outputs, CancellationToken cancellationToken) =>
        Task.FromResult(id is null || outputs is null ? null : new LiveResource<RandomIdOutputs>(id, outputs));

    protected override Task DeleteAsync(Urn urn, string id, RandomIdInputs inputs, RandomIdOutputs outputs, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
