using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Pki;

namespace Kubedos.Providers.Tls;

/// <summary>Inputs of <c>tls:index:PrivateKey</c>.</summary>
/// <param name="Algorithm"><c>ECDSA</c> (default) or <c>RSA</c>.</param>
/// <param name="EcdsaCurve"><c>P256</c> (default) or <c>P384</c>.</param>
/// <param name="RsaBits">2048 (default) or 4096.</param>
internal sealed record PrivateKeyInputs(string Algorithm = "ECDSA", string EcdsaCurve = "P256", int RsaBits = 2048);

/// <summary>Outputs of <c>tls:index:PrivateKey</c>.</summary>
internal sealed record PrivateKeyOutputs(
    string Algorithm,
    [property: Secret] string PrivateKeyPem,
    string PublicKeyPem,
    string PublicKeyPin);

/// <summary><c>tls:index:PrivateKey</c>: an ECDSA or RSA key that lives only in the (encrypted) state.</summary>
internal sealed class PrivateKeyHandler : ResourceHandler<PrivateKeyInputs, PrivateKeyOutputs>
{
    public override string Type => "tls:index:PrivateKey";

    /// <summary>The key algorithm the inputs ask for.</summary>
    public static KeyAlgorithm AlgorithmOf(PrivateKeyInputs inputs) => (inputs.Algorithm, inputs.EcdsaCurve, inputs.RsaBits) switch
    {
        ("ECDSA", "P256", _) => KeyAlgorithm.EcdsaP256,
        ("ECDSA", "P384", _) => KeyAlgorithm.EcdsaP384,
        ("RSA", _, 2048) => KeyAlgorithm.Rsa2048,
        ("RSA", _, 4096) => KeyAlgorithm.Rsa4096,
        _ => throw new ArgumentException($"unsupported key: {inputs.Algorithm} {inputs.EcdsaCurve} {inputs.RsaBits}", nameof(inputs)),
    };

    protected override IEnumerable<CheckFailure> Validate(PrivateKeyInputs inputs)
    {
        if (inputs.Algorithm is not ("ECDSA" or "RSA"))
        {
            yield return new CheckFailure("algorithm", $"must be ECDSA or RSA, got '{inputs.Algorithm}'");
        }

        if (inputs.Algorithm == "ECDSA" && inputs.EcdsaCurve is not ("P256" or "P384"))
        {
            yield return new CheckFailure("ecdsaCurve", $"must be P256 or P384, got '{inputs.EcdsaCurve}'");
        }

        if (inputs.Algorithm == "RSA" && inputs.RsaBits is not (2048 or 4096))
        {
            yield return new CheckFailure("rsaBits", $"must be 2048 or 4096, got {inputs.RsaBits}");
        }
    }

    protected override Task<LiveResource<PrivateKeyOutputs>> CreateAsync(Urn urn, PrivateKeyInputs inputs, CancellationToken cancellationToken)
    {
        using var key = PrivateKeyMaterial.Generate(AlgorithmOf(inputs));
        var outputs = new PrivateKeyOutputs(inputs.Algorithm, key.ExportPrivateKeyPem(), key.ExportPublicKeyPem(), key.Pin);
        return Task.FromResult(new LiveResource<PrivateKeyOutputs>(key.Pin, outputs));
    }

    protected override Task<LiveResource<PrivateKeyOutputs>?> ReadAsync(
        Urn urn, string? id, PrivateKeyInputs inputs, PrivateKeyOutputs? outputs, CancellationToken cancellationToken) =>
        Task.FromResult(id is null || outputs is null ? null : new LiveResource<PrivateKeyOutputs>(id, outputs));

    // The key exists only in state: forgetting it is the whole deletion.
    protected override Task DeleteAsync(Urn urn, string id, PrivateKeyInputs inputs, PrivateKeyOutputs outputs, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
