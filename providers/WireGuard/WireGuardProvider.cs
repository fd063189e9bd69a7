using Kubedos.Engine.Providers;

namespace Kubedos.Providers.WireGuard;

/// <summary>The <c>wireguard</c> provider: key pairs (rotated after N days) and preshared keys.</summary>
public static class WireGuardProvider
{
    /// <summary>The package, with <paramref name="time"/> deciding key ages.</summary>
    public static ProviderPackage Create(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new ProviderPackage("wireguard", new KeyPairHandler(time), new PresharedKeyHandler());
    }
}
