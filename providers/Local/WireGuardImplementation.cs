namespace Kubedos.Providers.Local;

/// <summary>Which WireGuard carries an interface; both speak the same <c>wg</c> UAPI.</summary>
public enum WireGuardImplementation
{
    /// <summary>The kernel module (<c>ip link add ... type wireguard</c>).</summary>
    Kernel,

    /// <summary><c>wireguard-go</c> on a TUN device, for kernels without the module.</summary>
    Userspace,
}
