using Kubedos.Spec.Normalisation;

namespace Kubedos.Infra.Tests.Spec.Normalisation;

public sealed class Ipv4CidrTests
{
    [Theory]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("10.101.0.0/24", true)]
    [InlineData("10.101.0.1/24", false)]
    [InlineData("10.101.0.0", false)]
    [InlineData("10.101.0.0/33", false)]
    [InlineData("fd00::/64", false)]
    [InlineData("10.1/16", false)]
    [InlineData("", false)]
    [InlineData("010.101.000.000/24", false)]
    [InlineData("0x0a.101.0.0/24", false)]
    [InlineData("10.101.0.0/024", false)]
    public void TryParse_Text_AcceptsOnlyIpv4Networks(string text, bool valid)
    {
        Assert.Equal(valid, Ipv4Cidr.TryParse(text, out _, out var error));
        Assert.Equal(valid, error.Length == 0);
    }

    [Theory]
    [InlineData("10.96.0.0/12", "10.101.0.0/24", true)]
    [InlineData("10.96.0.0/16", "10.101.0.0/24", false)]
    [InlineData("10.101.0.0/25", "10.101.0.128/25", false)]
    [InlineData("10.101.0.0/24", "10.101.0.128/25", true)]
    public void Overlaps_TwoNetworks_IsSymmetric(string a, string b, bool overlap)
    {
        Ipv4Cidr.TryParse(a, out var x, out _);
        Ipv4Cidr.TryParse(b, out var y, out _);

        Assert.Equal(overlap, x.Overlaps(y));
        Assert.Equal(overlap, y.Overlaps(x));
    }

    [Fact]
    public void At_Offset_CountsFromTheNetwork()
    {
        Ipv4Cidr.TryParse("10.101.0.0/24", out var cidr, out _);

        Assert.Equal("10.101.0.11", cidr.At(11).ToString());
        Assert.Equal(256, cidr.Size);
        Assert.Throws<ArgumentOutOfRangeException>(() => cidr.At(256));
    }

    [Fact]
    public void Overlapping_Networks_YieldsEachOverlappingPairOnceInOrder()
    {
        string[] texts = ["10.101.0.0/24", "10.102.0.0/24", "10.101.0.128/25", "10.0.0.0/8"];
        var networks = texts.Select(t => Ipv4Cidr.TryParse(t, out var c, out _) ? (Text: t, Cidr: c) : throw new FormatException(t)).ToList();

        var pairs = Ipv4Cidr.Overlapping(networks, n => n.Cidr).Select(p => $"{p.Earlier.Text}~{p.Later.Text}");

        Assert.Equal(
            ["10.101.0.0/24~10.101.0.128/25", "10.101.0.0/24~10.0.0.0/8", "10.102.0.0/24~10.0.0.0/8", "10.101.0.128/25~10.0.0.0/8"],
            pairs);
    }

    [Fact]
    public void Overlapping_AdjacentNetworks_YieldsNothing()
    {
        var networks = new[] { "10.101.0.0/25", "10.101.0.128/25" }.Select(t => Ipv4Cidr.TryParse(t, out var c, out _) ? c : default).ToList();

        Assert.Empty(Ipv4Cidr.Overlapping(networks, n => n));
    }
}
