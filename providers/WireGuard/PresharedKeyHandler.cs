using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;

namespace Kubedos.Providers.WireGuard;

/// <summary>Inputs of <c>wireguard:index:PresharedKey</c>.</summary>
internal sealed record PresharedKeyInputs(
    [property: ReplaceOnChange("keepers changed: a new preshared key is generated")] IReadOnlyDictionary<string, string>? Keepers = null);

/// <summary>Outputs of <c>wireguard:index:PresharedKey</c>.</summary>
internal sealed record PresharedKeyOutputs([property: Secret] string Key);

/// <summary><c>wireguard:index:PresharedKey</c>: a symmetric key for one peer pair (<c>wg genpsk</c>).</summary>
internal sealed class PresharedKeyHandler : ResourceHandler<PresharedKeyInputs, PresharedKeyOutputs>
{
    public override string Type => "wireguard:index:PresharedKey";

    protected override Task<LiveResource<PresharedKeyOutputs>> CreateAsync(Urn urn, PresharedKeyInputs inputs, CancellationToken cancellationToken) =>
        Task.FromResult(new LiveResource<PresharedKeyOutputs>(
            Guid.NewGuid().ToString("N"), new PresharedKeyOutputs(WireGuardKey.GeneratePresharedKey())));

    protected override Task<LiveResource<PresharedKeyOutputs>?> ReadAsync(
        Urn urn, string? id, PresharedKeyInputs inputs, PresharedKeyOutputs? outputs, CancellationToken cancellationToken) =>
        Task.FromResult(id is null || outputs is null ? null : new LiveResource<PresharedKeyOutputs>(id, outputs));

    protected override Task DeleteAsync(Urn urn, string id, PresharedKeyInputs inputs, PresharedKeyOutputs outputs, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
