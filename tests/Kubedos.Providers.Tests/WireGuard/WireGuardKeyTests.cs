using System.Diagnostics;
using Kubedos.Providers.WireGuard;
using Kubedos.Testing;

namespace Kubedos.Providers.Tests.WireGuard;

public sealed class WireGuardKeyTests
{
    [LabFact("wg")]
    public void GeneratePair_PublicKey_EqualsWgPubkeyOfPrivateKey()
    {
        for (var i = 0; i < 5; i++)
        {
            var (privateKey, publicKey) = WireGuardKey.GeneratePair();
            Assert.Equal(WgPubkey(privateKey), publicKey);
        }
    }

    [LabFact("wg")]
    public void PublicKeyOf_KeyFromWgGenkey_EqualsWgPubkey()
    {
        var privateKey = Wg("genkey", string.Empty);
        Assert.Equal(WgPubkey(privateKey), WireGuardKey.PublicKeyOf(privateKey));
    }

    [Fact]
    public void GeneratePair_Keys_AreWellFormedAndDistinct()
    {
        var (a, pa) = WireGuardKey.GeneratePair();
        var (b, _) = WireGuardKey.GeneratePair();

        Assert.True(WireGuardKey.IsWellFormed(a));
        Assert.True(WireGuardKey.IsWellFormed(pa));
        Assert.EndsWith("=", a, StringComparison.Ordinal);
        Assert.NotEqual(a, b);
        Assert.Equal(pa, WireGuardKey.PublicKeyOf(a));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-key")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")]
    public void PublicKeyOf_Malformed_ThrowsFormatException(string key) =>
        Assert.Throws<FormatException>(() => WireGuardKey.PublicKeyOf(key));

    private static string WgPubkey(string privateKey) => Wg("pubkey", privateKey + "\n");

    private static string Wg(string verb, string input)
    {
        var start = new ProcessStartInfo("wg", verb)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        return output;
    }
}
