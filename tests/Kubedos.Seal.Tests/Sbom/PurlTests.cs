using Kubedos.Seal.Sbom;

namespace Kubedos.Seal.Tests.Sbom;

public sealed class PurlTests
{
    [Theory]
    [InlineData("libc6", "2.36-9+deb12u4", "amd64", "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64")]
    [InlineData("openssh-server", "1:9.2p1-2", "amd64", "pkg:deb/debian/openssh-server@1:9.2p1-2?arch=amd64")]
    [InlineData("libstdc++6", "12.2.0-14", "amd64", "pkg:deb/debian/libstdc%2B%2B6@12.2.0-14?arch=amd64")]
    public void Debian_EncodesPlusKeepsEpoch(string name, string version, string arch, string expected)
    {
        Assert.Equal(expected, Purl.Debian(name, version, arch));
    }

    [Fact]
    public void NuGet_KeepsCase()
    {
        Assert.Equal("pkg:nuget/Microsoft.NET.Test.Sdk@18.0.1", Purl.NuGet("Microsoft.NET.Test.Sdk", "18.0.1"));
    }
}
