using System.Text.RegularExpressions;
using Kubedos.Enrollment.Tokens;

namespace Kubedos.Enrollment.Tests.Tokens;

public sealed class JoinTokenTests
{
    [Fact]
    public void Generate_Token_HasKubeadmFormat()
    {
        var token = JoinToken.Generate();
        Assert.Matches(new Regex("^[a-z0-9]{6}\\.[a-z0-9]{16}\\z"), token.ToString());
        Assert.Equal(token, JoinToken.Parse(token.ToString()));
    }

    [Theory]
    [InlineData("abcdef.0123456789abcdeF")]
    [InlineData("abcde.0123456789abcdefg")]
    [InlineData("abcdef0123456789abcdef")]
    [InlineData("")]
    public void TryParse_Malformed_False(string text) => Assert.False(JoinToken.TryParse(text, out _));

    [Fact]
    public void EnrollmentToken_RoundTrips_AndCarriesThePin()
    {
        var pin = "sha256:" + new string('a', 64);
        var token = new EnrollmentToken(JoinToken.Generate(), pin);

        var parsed = EnrollmentToken.Parse(token.ToString());

        Assert.Equal(token, parsed);
        Assert.StartsWith("kubedos1:", token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EnrollmentToken_BadPin_FormatErrorWithoutTheSecret()
    {
        var join = JoinToken.Generate();
        var error = Assert.Throws<FormatException>(() => EnrollmentToken.Parse($"kubedos1:{join}:sha256:xyz"));
        Assert.DoesNotContain(join.Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Proof_BoundToPinNodeAddressAndCsr()
    {
        var proof = JoinTokenProof.Compute("secret", "sha256:pin", "node-1", "10.0.0.1", "csr");

        Assert.True(JoinTokenProof.Verify(proof, "secret", "sha256:pin", "node-1", "10.0.0.1", "csr"));
        Assert.False(JoinTokenProof.Verify(proof, "secret", "sha256:other", "node-1", "10.0.0.1", "csr"));
        Assert.False(JoinTokenProof.Verify(proof, "secret", "sha256:pin", "node-2", "10.0.0.1", "csr"));
        Assert.False(JoinTokenProof.Verify(proof, "secret", "sha256:pin", "node-1", "10.0.0.2", "csr"));
        Assert.False(JoinTokenProof.Verify(proof, "secret", "sha256:pin", "node-1", "10.0.0.1", "csr2"));
        Assert.False(JoinTokenProof.Verify(proof, "secreT", "sha256:pin", "node-1", "10.0.0.1", "csr"));
    }

    [Fact]
    public void Store_ConsumeTwice_SecondFails()
    {
        var store = JoinTokenStore.InMemory();
        var token = store.Issue("node-1", DateTimeOffset.UnixEpoch);

        Assert.True(store.TryConsume(token.Id, DateTimeOffset.UnixEpoch));
        Assert.False(store.TryConsume(token.Id, DateTimeOffset.UnixEpoch));
        Assert.NotNull(store.Find(token.Id)!.UsedAt);
    }

    [Fact]
    public void Store_File_PersistsOwnerOnly()
    {
        var dir = Directory.CreateTempSubdirectory("kubedos-tokens-").FullName;
        try
        {
            var path = Path.Combine(dir, "tokens.json");
            var token = JoinTokenStore.Open(path).Issue("node-1", DateTimeOffset.UnixEpoch);

            var reopened = JoinTokenStore.Open(path);

            Assert.Equal(token.Secret, reopened.Find(token.Id)!.Secret);
            Assert.Equal("node-1", reopened.Find(token.Id)!.Node);
            if (OperatingSystem.IsLinux())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Store_LeftoverReadableTempFile_StillPersistsOwnerOnly()
    {
        var dir = Directory.CreateTempSubdirectory("kubedos-tokens-").FullName;
        try
        {
            var path = Path.Combine(dir, "tokens.json");
            File.WriteAllText(path + ".tmp", "left by a crash");
            File.SetUnixFileMode(path + ".tmp", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

            JoinTokenStore.Open(path).Issue("node-1", DateTimeOffset.UnixEpoch);

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TryParse_TrailingNewline_IsRefused()
    {
        Assert.False(JoinToken.TryParse("abcdef.0123456789abcdef\n", out _));
        Assert.True(JoinToken.TryParse("abcdef.0123456789abcdef", out _));
    }
}
