using Kubedos.Engine.Model;

namespace Kubedos.Providers.WireGuard;

/// <summary><c>wireguard:index:PresharedKey</c>: a symmetric key for one peer pair (<c>wg genpsk</c>).</summary>
public sealed class PresharedKey : CustomResource
{
    public PresharedKey(string name, PresharedKeyArgs? args = null, ResourceOptions? options = null)
        : base("wireguard:index:PresharedKey", name, args ?? new PresharedKeyArgs(), options)
    {
    }

    /// <summary>The key, base64. A secret.</summary>
    public Output<string> Key { get; private set; } = null!;
}
