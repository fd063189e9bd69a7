using System.Runtime.InteropServices;
using Kubedos.Seal.Sbom;

namespace Kubedos.Components.Seal;

/// <summary>The tools a build uses and their versions: .NET from the running runtime, the rest from the host's dpkg database.</summary>
internal static class Toolchain
{
    // The Debian packages of the image tools (spec §8.3) and of converge; "not installed" is recorded as such.
    private static readonly (string Tool, string Package)[] Packaged =
    [
        ("mmdebstrap", "mmdebstrap"), ("qemu-img", "qemu-utils"), ("xorriso", "xorriso"), ("ansible", "ansible-core"),
        ("openssh-server", "openssh-server"), ("wireguard-go", "wireguard-go"), ("nftables", "nftables"),
    ];

    public static SortedDictionary<string, string> Versions(DebianPackageDatabase host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var versions = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["dotnet"] = RuntimeInformation.FrameworkDescription,
            ["kubedos"] = KubedosVersion,
        };
        foreach (var (tool, package) in Packaged)
        {
            versions[tool] = host.VersionOf(package) is { } v ? $"{package} {v}" : "not installed";
        }

        return versions;
    }

    /// <summary>The running kubedos's informational version (with the source revision the SDK appends, when it knew one).</summary>
    public static string KubedosVersion { get; } =
        typeof(Toolchain).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion
        ?? typeof(Toolchain).Assembly.GetName().Version?.ToString() ?? "0.0.0";
}
