using System.Text;

namespace Kubedos.Pki.Tests;

public sealed class Sha256HexTests
{
    [Fact]
    public void Of_Text_IsTheLowerCaseHexSha256sumPrints()
    {
        // printf 'abc' | sha256sum
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256Hex.Of("abc"));
        Assert.Equal(Sha256Hex.Of("abc"), Sha256Hex.Of(Encoding.UTF8.GetBytes("abc")));
    }

    [Fact]
    public void OfManifest_Files_IsTheDigestOfTheirSha256sumLines()
    {
        var a = Encoding.UTF8.GetBytes("one\n");
        var b = Encoding.UTF8.GetBytes("two\n");

        var digest = Sha256Hex.OfManifest([("a", a), ("bin/b", b)]);

        Assert.Equal(Sha256Hex.Of($"{Sha256Hex.Of(a)}  a\n{Sha256Hex.Of(b)}  bin/b\n"), digest);
        Assert.NotEqual(digest, Sha256Hex.OfManifest([("a", a), ("bin/c", b)]));
    }
}
