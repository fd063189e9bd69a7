using Kubedos.Seal.Sbom;

namespace Kubedos.Seal.Tests.Sbom;

/// <summary>Small bills of materials for the writers' tests.</summary>
internal static class SampleBoms
{
    public static SbomDocument Debian()
    {
        var libc = Purl.Debian("libc6", "2.36-9+deb12u4", "amd64");
        var ssh = Purl.Debian("openssh-server", "1:9.2p1-2+deb12u3", "amd64");
        return new SbomDocument(
            "lab-node-software",
            "lab-01",
            "operating-system",
            DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
            "1.0.0",
            [
                new SbomPackage(libc, "libc6", "2.36-9+deb12u4", libc, null, null, DeclaredLicence.None, [], [new("kubedos:deb:architecture", "amd64")]),
                new SbomPackage(ssh, "openssh-server", "1:9.2p1-2+deb12u3", ssh, new string('c', 64), null,
                    new DeclaredLicence(["BSD-2-clause", "public-domain"], null), [libc], [new("kubedos:deb:architecture", "amd64")]),
            ],
            [ssh],
            "the host's dpkg database (/var/lib/dpkg/status)");
    }

    public static SbomDocument NuGet()
    {
        var yaml = Purl.NuGet("YamlDotNet", "18.1.0");
        return new SbomDocument(
            "kubedos-agent",
            "1.0.0",
            "application",
            DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
            "1.0.0",
            [
                new SbomPackage("project:Kubedos.Pki@1.0.0", "Kubedos.Pki", "1.0.0", null, null, null, DeclaredLicence.None, [], []),
                new SbomPackage(yaml, "YamlDotNet", "18.1.0", yaml, null, new string('d', 128), new DeclaredLicence(["MIT"], "MIT"), [], []),
            ],
            ["project:Kubedos.Pki@1.0.0", yaml],
            "project.assets.json");
    }
}
