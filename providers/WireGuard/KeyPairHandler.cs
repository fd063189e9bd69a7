using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Providers.Tls;

namespace Kubedos.Providers.WireGuard;

/// <summary>Inputs of <c>wireguard:index:KeyPair</c>.</summary>
/// <param name="RotationDays">Replace the key once it is this many days old (null: never); spec <c>security.rotation.wireguardDays</c>.</param>
/// <param name="Keepers">Values whose change forces a new key (e.g. the node's identity).</param>
internal sealed record KeyPairInputs(
    int? RotationDays = null,
    [property: ReplaceOnChange("keepers changed: a new key pair is generated")] IReadOnlyDictionary<string, string>? Keepers = null);

/// <summary>Outputs of <c>wireguard:index:KeyPair</c>.</summary>
/// <param name="PrivateKey">wg base64 private key. A secret.</param>
/// <param name="PublicKey">wg base64 public key, as <c>wg pubkey</c> prints it.</param>
/// <param name="CreatedAt">When the key was generated (kept so rotation can be decided later).</param>
/// <param name="RotateAfter">When the key is due for rotation (absent: never).</param>
internal sealed record KeyPairOutputs(
    [property: Secret] string PrivateKey,
    string PublicKey,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RotateAfter);

/// <summary>
/// <c>wireguard:index:KeyPair</c>: an X25519 key pair, replaced (create-before-delete) once it is older
/// than the rotation period, so the new public key can be distributed while the old one still works.
/// </summary>
internal sealed class KeyPairHandler(TimeProvider time) : ResourceHandler<KeyPairInputs, KeyPairOutputs>
{
    public override string Type => "wireguard:index:KeyPair";

    // Changing the rotation period re-schedules the existing key rather than replacing it.
    protected override bool UpdatesInPlace => true;

    protected override IEnumerable<CheckFailure> Validate(KeyPairInputs inputs)
    {
        if (inputs.RotationDays is < 1)
        {
            yield return new CheckFailure("rotationDays", $"must be at least 1 day, got {inputs.RotationDays}");
        }
    }

    protected override DiffResponse Diff(DiffRequest request) =>
        RenewalDiff.Apply(base.Diff(request), request.OldOutputs, "rotateAfter", time.GetUtcNow(), "the WireGuard key");

    protected override Task<LiveResource<KeyPairOutputs>> CreateAsync(Urn urn, KeyPairInputs inputs, CancellationToken cancellationToken)
    {
        var (privateKey, publicKey) = WireGuardKey.GeneratePair();
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var outputs = new KeyPairOutputs(privateKey, publicKey, now, RotateAfter(now, inputs.RotationDays));
        return Task.FromResult(new LiveResource<KeyPairOutputs>(publicKey, outputs));
    }

    protected override Task<KeyPairOutputs> UpdateAsync(
        Urn urn, string id, KeyPairInputs oldInputs, KeyPairOutputs oldOutputs, KeyPairInputs newInputs, CancellationToken cancellationToken) =>
        Task.FromResult(oldOutputs with { RotateAfter = RotateAfter(oldOutputs.CreatedAt, newInputs.RotationDays) });

    protected override Task<LiveResource<KeyPairOutputs>?> ReadAsync(
        Urn urn, string? id, KeyPairInputs inputs, KeyPairOutputs? outputs, CancellationToken cancellationToken) =>
        Task.FromResult(id is null || outputs is null ? null : new LiveResource<KeyPairOutputs>(id, outputs));

    protected override Task DeleteAsync(Urn urn, string id, KeyPairInputs inputs, KeyPairOutputs outputs, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    private static DateTimeOffset? RotateAfter(DateTimeOffset createdAt, int? rotationDays) =>
        rotationDays is { } days ? createdAt.AddDays(days) : null;
}
