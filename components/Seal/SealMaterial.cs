using System.Security.Cryptography;
using Kubedos.Engine.Model;
using Kubedos.Seal.Attestation;

namespace Kubedos.Components.Seal;

/// <summary>
/// The bundle's signing key as the stack holds it: the private key an encrypted secret (<c>kubedos:seal.signingKey</c>,
/// the PEM text), its public key pinned in plain config (<c>kubedos:seal.signingKeyPin</c>, <c>sha256:</c> of the
/// SubjectPublicKeyInfo). <c>kubedos pki init-signing-key --out DIR</c> makes the pair and prints both lines.
/// </summary>
internal sealed class SealMaterial
{
    /// <summary>Secret config key: the signing key's PEM (the text, not a path).</summary>
    public const string SigningKeyKey = "kubedos:seal.signingKey";

    /// <summary>Config key: the pin of the signing key's public half.</summary>
    public const string SigningKeyPinKey = "kubedos:seal.signingKeyPin";

    private readonly string _privateKeyPem;

    private SealMaterial(string privateKeyPem, VerificationKey publicKey)
    {
        _privateKeyPem = privateKeyPem;
        PublicKey = publicKey;
    }

    /// <summary>The public key, whose id equals the pinned one.</summary>
    public VerificationKey PublicKey { get; }

    /// <summary>Opens the private key for one seal; the caller disposes it.</summary>
    public SigningKey Open() => SigningKey.FromPem(_privateKeyPem);

    /// <summary>Reads and checks the pair from the stack's config.</summary>
    /// <exception cref="SealMaterialException">A key is missing, the PEM is not a P-256 key, or it does not match the pin (every problem named).</exception>
    public static SealMaterial FromConfig(Stack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return From(stack.GetConfig(SigningKeyKey), stack.GetConfig(SigningKeyPinKey));
    }

    public static SealMaterial From(string? privateKeyPem, string? pin)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(privateKeyPem))
        {
            problems.Add($"{SigningKeyKey}: missing (a secret: the PEM of 'kubedos pki init-signing-key --out DIR', set with 'kubedos config set --secret {SigningKeyKey} < DIR/signing-key.pem')");
        }

        if (string.IsNullOrWhiteSpace(pin))
        {
            problems.Add($"{SigningKeyPinKey}: missing (the pin 'kubedos pki init-signing-key' prints, sha256:<64 hex>)");
        }

        if (problems.Count > 0)
        {
            throw new SealMaterialException(problems);
        }

        VerificationKey publicKey;
        try
        {
            using var key = SigningKey.FromPem(privateKeyPem!);
            publicKey = key.Public;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new SealMaterialException([$"{SigningKeyKey}: not an ECDSA P-256 private key PEM ({e.Message})"]);
        }

        if (!string.Equals(publicKey.KeyId, pin!.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            throw new SealMaterialException([$"{SigningKeyPinKey}: the signing key's pin is {publicKey.KeyId}, the config pins {pin.Trim()} (rule: pinned-signing-key)"]);
        }

        return new SealMaterial(privateKeyPem!, publicKey);
    }

    public override string ToString() => $"SealMaterial({PublicKey.KeyId}, private key [secret])";
}
