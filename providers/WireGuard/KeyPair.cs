using Kubedos.Engine.Model;

namespace Kubedos.Providers.WireGuard;

/// <summary><c>wireguard:index:KeyPair</c>: an X25519 key pair in wg's base64 format, rotated create-before-delete.</summary>
public sealed class KeyPair : CustomResource
{
    public KeyPair(string name, KeyPairArgs? args = null, ResourceOptions? options = null)
        : base("wireguard:index:KeyPair", name, args ?? new KeyPairArgs(), options)
    {
    }

    /// <summary>wg base64 private key. A secret.</summary>
    public Output<string> PrivateKey { get; private set; } = null!;

    /// <summary>What <c>wg pubkey</c> prints for the private key.</summary>
    public Output<string> PublicKey { get; private set; } = null!;

    public Output<DateTimeOffset> CreatedAt { get; private set; } = null!;

    /// <summary>When the key is due for rotation (null: never).</summary>
    public Output<DateTimeOffset?> RotateAfter { get; private set; } = null!;
}
