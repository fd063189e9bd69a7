using Kubedos.Components.Substrate;
using Kubedos.Components.Substrate.Local;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Infra.Tests.Components.Substrate;

public sealed class SubstrateTests
{
    [Fact]
    public void UnderlayAddress_Lab01_IsTheUnderlayPlusTheNodeOffset()
    {
        var cluster = LabSpecs.Lab01;
        Assert.True(Ipv4Cidr.TryParse("10.250.1.0/24", out var underlay, out _));

        Assert.Equal("10.250.1.21", LocalSubstrateKind.UnderlayAddress(underlay, cluster.Node("w-1")).ToString());
    }

    [Fact]
    public void UnderlayAddress_OffsetBeyondTheUnderlay_FailsNamingTheNode()
    {
        var cluster = LabSpecs.Lab01;
        Assert.True(Ipv4Cidr.TryParse("10.250.1.0/29", out var underlay, out _));

        var error = Assert.Throws<InvalidOperationException>(() => LocalSubstrateKind.UnderlayAddress(underlay, cluster.Node("w-1")));
        Assert.Contains("w-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedSubstrate_Message_NamesTheTypeAndThatNoProviderIsBuiltIn()
    {
        var error = new UnsupportedSubstrateException("proxmox", ["local"]);

        Assert.Contains("'proxmox'", error.Message, StringComparison.Ordinal);
        Assert.Contains("no provider", error.Message, StringComparison.Ordinal);
    }
}
