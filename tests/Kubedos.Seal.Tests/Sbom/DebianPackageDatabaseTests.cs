using System.Security.Cryptography;
using Kubedos.Seal.Sbom;
using Kubedos.Seal.Schemas;

namespace Kubedos.Seal.Tests.Sbom;

public sealed class DebianPackageDatabaseTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kubedos-dpkg-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string path, string text)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private DebianPackageDatabase Sample()
    {
        Write("var/lib/dpkg/status", """
            Package: openssh-server
            Status: install ok installed
            Architecture: amd64
            Version: 1:9.2p1-2+deb12u3
            Pre-Depends: init-system-helpers (>= 1.54~)
            Depends: libc6 (>= 2.36), default-mta | mail-transport-agent, procps
            Description: secure shell server
             a second line

            Package: libc6
            Status: install ok installed
            Architecture: amd64
            Version: 2.36-9+deb12u4

            Package: init-system-helpers
            Status: install ok installed
            Architecture: all
            Version: 1.65.2

            Package: exim4-daemon-light
            Status: install ok installed
            Architecture: amd64
            Version: 4.96-15
            Provides: mail-transport-agent
            Depends: libc6

            Package: procps
            Status: deinstall ok config-files
            Architecture: amd64
            Version: 2:4.0.2-3

            """.Replace("            ", string.Empty, StringComparison.Ordinal));
        Write("usr/share/doc/openssh-server/copyright", "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nCopyright: A\nLicense: BSD-2-clause\n");
        Write("usr/share/doc/libc6/copyright", "This is the Debian prepackaged version of the GNU C Library.\n");
        Write("cache/libc6_2.36-9+deb12u4_amd64.deb", "not really a deb");
        Write("cache/openssh-server_1%3a9.2p1-2+deb12u3_amd64.deb", "nor this");
        return DebianPackageDatabase.Read(_root, [Path.Combine(_root, "cache")]);
    }

    [Fact]
    public void Read_OnlyInstalledPackages()
    {
        Assert.Equal(["exim4-daemon-light", "init-system-helpers", "libc6", "openssh-server"], Sample().Installed.Select(p => p.Name));
    }

    [Fact]
    public void Closure_FollowsPreDependsDependsAndProvides_SkipsWhatIsNotInstalled()
    {
        var packages = Sample().Closure(["openssh-server"], out var roots);
        var ssh = packages.Single(p => p.Name == "openssh-server");

        Assert.Equal(["pkg:deb/debian/openssh-server@1:9.2p1-2%2Bdeb12u3?arch=amd64"], roots);
        Assert.Equal(["exim4-daemon-light", "init-system-helpers", "libc6", "openssh-server"], packages.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["pkg:deb/debian/exim4-daemon-light@4.96-15?arch=amd64", "pkg:deb/debian/init-system-helpers@1.65.2?arch=all", "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64"],
            ssh.DependsOn);
    }

    [Fact]
    public void Closure_DebInAStore_Sha256OfThatFile_ElseNone()
    {
        var packages = Sample().Closure(["openssh-server"], out _);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("nor this"u8)), packages.Single(p => p.Name == "openssh-server").Sha256);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("not really a deb"u8)), packages.Single(p => p.Name == "libc6").Sha256);
        Assert.Null(packages.Single(p => p.Name == "exim4-daemon-light").Sha256);
    }

    [Fact]
    public void Closure_LicenceOnlyFromMachineReadableCopyright()
    {
        var packages = Sample().Closure(["openssh-server"], out _);

        Assert.Equal(["BSD-2-clause"], packages.Single(p => p.Name == "openssh-server").Licence.Declared);
        Assert.Equal("BSD-2-Clause", packages.Single(p => p.Name == "openssh-server").Licence.SpdxExpression);
        Assert.Same(DeclaredLicence.None, packages.Single(p => p.Name == "libc6").Licence);
        Assert.Same(DeclaredLicence.None, packages.Single(p => p.Name == "exim4-daemon-light").Licence);
    }

    [Fact]
    public void Closure_RootNotInstalled_ArgumentExceptionNamesIt()
    {
        var e = Assert.Throws<ArgumentException>(() => Sample().Closure(["procps"], out _));

        Assert.Contains("'procps'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_OpensshClosure_BothFormatsValidAgainstTheOfficialSchemas()
    {
        if (!File.Exists("/var/lib/dpkg/status") || !File.Exists("/usr/sbin/sshd"))
        {
            Assert.Fail("this test reads the host's dpkg database: install openssh-server (scripts/install-host-deps.sh)");
        }

        var host = DebianPackageDatabase.Read("/", ["/var/cache/apt/archives"]);
        var packages = host.Closure(["openssh-server", "nftables"], out var roots);
        var bom = new SbomDocument("lab-node-software", "test", "operating-system", DateTimeOffset.UnixEpoch, "test", packages, roots, "the host's dpkg database");

        Assert.Contains(packages, p => p.Name == "libc6");
        Assert.Empty(OfficialSchemas.ValidateCycloneDx(CycloneDxWriter.Write(bom)));
        Assert.Empty(OfficialSchemas.ValidateSpdx(SpdxWriter.Write(bom)));
    }
}
