
namespace Kubedos.Pki.Tests;

public sealed class Ipv4NotationTests
{
    [Theory]
    [InlineData("10.101.0.0/24", true)]
    [InlineData("0.0.0.0/0", true)]
    [InlineData("255.255.255.255/32", true)]
    [InlineData("010.101.000.000/24", false)]
    [InlineData("10.101.0.00/24", false)]
    [InlineData("0x0a.101.0.0/24", false)]
    [InlineData("10.101/16", false)]
    [InlineData("10.101.0.0.0/24", false)]
    [InlineData("10.101.0.256/24", false)]
    [InlineData(" 10.101.0.0/24", false)]
    [InlineData("10.101.0.0/024", false)]
    [InlineData("10.101.0.0/33", false)]
    [InlineData("10.101.0.0/+8", false)]
    [InlineData("１0.101.0.0/24", false)]
    [InlineData("10.101.0.0/24\n", false)]
    public void TryParsePrefixed_Text_AcceptsOnlyCanonicalDottedDecimal(string text, bool valid)
    {
        Assert.Equal(valid, Ipv4Notation.TryParsePrefixed(text, out _, out _, out var problem));
        Assert.Equal(valid, problem.Length == 0);
    }

    [Fact]
    public void TryParseAddress_LeadingZeros_SaysOctalAndTheDecimalSpelling()
    {
        Assert.False(Ipv4Notation.TryParseAddress("010.101.000.000", out _, out var problem));

        Assert.Contains("'010' with a leading zero", problem, StringComparison.Ordinal);
        Assert.Contains("10.101.0.0", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.0", 24, "127.0.0.0/8")]
    [InlineData("0.0.0.0", 0, "0.0.0.0/8")]
    [InlineData("169.254.10.0", 24, "169.254.0.0/16")]
    [InlineData("239.1.0.0", 16, "224.0.0.0/4")]
    [InlineData("250.0.0.0", 8, "240.0.0.0/4")]
    [InlineData("126.0.0.0", 7, "127.0.0.0/8")]
    public void SpecialPurposeRange_NetworkTouchingIt_NamesTheRange(string network, int prefix, string range)
    {
        Assert.True(Ipv4Notation.TryParseAddress(network, out var value, out _));

        Assert.Equal(range, Ipv4Notation.SpecialPurposeRange(value, prefix)?.Range);
    }

    [Theory]
    [InlineData("10.101.0.0", 24, true)]
    [InlineData("172.31.0.0", 16, true)]
    [InlineData("172.32.0.0", 16, false)]
    [InlineData("192.168.1.0", 24, true)]
    [InlineData("100.64.0.0", 10, true)]
    [InlineData("100.128.0.0", 16, false)]
    [InlineData("10.0.0.0", 7, false)]
    [InlineData("8.101.0.0", 24, false)]
    public void IsPrivate_Network_IsTrueOnlyInsideRfc1918OrSharedSpace(string network, int prefix, bool expected)
    {
        Assert.True(Ipv4Notation.TryParseAddress(network, out var value, out _));

        Assert.Equal(expected, Ipv4Notation.IsPrivate(value, prefix));
        Assert.Null(Ipv4Notation.SpecialPurposeRange(value, prefix));
    }
}
