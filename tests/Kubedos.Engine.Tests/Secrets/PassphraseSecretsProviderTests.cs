using Kubedos.Engine.Secrets;

namespace Kubedos.Engine.Tests.Secrets;

public sealed class PassphraseSecretsProviderTests
{
    // Written by Pulumi's own passphrase provider (pulumi/pulumi pkg/secrets/passphrase tests) with the passphrase "password".
    private const string PulumiSalt = "v1:fozI5u6B030=:v1:F+6ZduKKd8G0/V7L:PGMFeIzwobWRKmEAzUdaQHqC5mMRIQ==";

    // Written by Pulumi with the empty passphrase.
    private const string PulumiEmptyPassphraseSalt = "v1:LVuDkcjhUns=:v1:WPbL+tmbxnqWswQ2:lebZxStyHT3IZkmbN+3xCx9zqtoPog==";

    [Fact]
    public void FromEncryptionSalt_SaltWrittenByPulumi_OpensWithItsPassphrase()
    {
        var secrets = PassphraseSecretsProvider.FromEncryptionSalt(PulumiSalt, "password");

        Assert.Equal(PulumiSalt, secrets.EncryptionSalt);
        Assert.Equal("hello", secrets.Decrypt(secrets.Encrypt("hello")));
    }

    [Fact]
    public void FromEncryptionSalt_EmptyPassphraseSaltWrittenByPulumi_Opens()
    {
        var secrets = PassphraseSecretsProvider.FromEncryptionSalt(PulumiEmptyPassphraseSalt, string.Empty);

        Assert.Equal("x", secrets.Decrypt(secrets.Encrypt("x")));
    }

    [Fact]
    public void FromEncryptionSalt_WrongPassphrase_ThrowsIncorrectPassphrase()
    {
        var error = Assert.Throws<IncorrectPassphraseException>(
            () => PassphraseSecretsProvider.FromEncryptionSalt(PulumiSalt, "password123"));

        Assert.Contains("incorrect passphrase", error.Message, StringComparison.Ordinal);
        Assert.Contains(PassphraseSource.PassphraseVariable, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fozI5u6B030=:v1:F+6ZduL:PGMFeIzwobWRKmEAzUdaQHqC5mMRIQ==")]
    [InlineData("v1:not*base64:v1:F+6ZduKKd8G0/V7L:PGMFeIzwobWRKmEAzUdaQHqC5mMRIQ==")]
    [InlineData("v1:fozI5u6B030=")]
    public void FromEncryptionSalt_MalformedSalt_ThrowsSecretsException(string salt)
    {
        var error = Assert.Throws<SecretsException>(() => PassphraseSecretsProvider.FromEncryptionSalt(salt, "password"));

        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NewStack_SaltHasPulumiShapeAndReopens()
    {
        var created = PassphraseSecretsProvider.Create("correct horse");

        var parts = created.EncryptionSalt.Split(':');
        Assert.Equal(5, parts.Length);
        Assert.Equal("v1", parts[0]);
        Assert.Equal(8, Convert.FromBase64String(parts[1]).Length);
        Assert.Equal("v1", parts[2]);
        Assert.Equal(12, Convert.FromBase64String(parts[3]).Length);
        Assert.Equal("pulumi".Length + 16, Convert.FromBase64String(parts[4]).Length);

        var reopened = PassphraseSecretsProvider.FromEncryptionSalt(created.EncryptionSalt, "correct horse");
        Assert.Equal("s3cr3t", reopened.Decrypt(created.Encrypt("s3cr3t")));
    }

    [Fact]
    public void Create_TwoStacks_UseDifferentSalts()
    {
        var a = PassphraseSecretsProvider.Create("same");
        var b = PassphraseSecretsProvider.Create("same");

        Assert.NotEqual(a.EncryptionSalt, b.EncryptionSalt);
        Assert.Throws<SecretsException>(() => b.Decrypt(a.Encrypt("only for a")));
    }

    [Fact]
    public void Encrypt_SamePlaintextTwice_UsesFreshNonces()
    {
        var secrets = PassphraseSecretsProvider.FromEncryptionSalt(PulumiSalt, "password");

        var first = secrets.Encrypt("value");
        var second = secrets.Encrypt("value");

        Assert.NotEqual(first, second);
        Assert.StartsWith("v1:", first, StringComparison.Ordinal);
        Assert.DoesNotContain("value", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_UnicodeAndEmpty_RoundTrip()
    {
        var secrets = PassphraseSecretsProvider.FromEncryptionSalt(PulumiSalt, "password");

        Assert.Equal(string.Empty, secrets.Decrypt(secrets.Encrypt(string.Empty)));
        Assert.Equal("ключ 🔑 \n\"quoted\"", secrets.Decrypt(secrets.Encrypt("ключ 🔑 \n\"quoted\"")));
    }

    [Fact]
    public void Decrypt_TamperedCiphertext_ThrowsSecretsException()
    {
        var secrets = PassphraseSecretsProvider.FromEncryptionSalt(PulumiSalt, "password");
        var parts = secrets.Encrypt("value").Split(':');
        var bytes = Convert.FromBase64String(parts[2]);
        bytes[0] ^= 1;

        var error = Assert.Throws<SecretsException>(
            () => secrets.Decrypt($"{parts[0]}:{parts[1]}:{Convert.ToBase64String(bytes)}"));

        Assert.Contains("altered", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain text")]
    [InlineData("v2:AAAA:AAAA")]
    [InlineData("v1:AAAA:AAAA")]
    public void Decrypt_MalformedCiphertext_ThrowsSecretsException(string ciphertext)
    {
        var secrets = PassphraseSecretsProvider.FromEncryptionSalt(PulumiSalt, "password");

        Assert.Throws<SecretsException>(() => secrets.Decrypt(ciphertext));
    }

    [Fact]
    public void Open_NoPassphraseConfigured_ThrowsPassphraseMissing()
    {
        var source = new PassphraseSource(_ => null);

        var error = Assert.Throws<PassphraseMissingException>(() => PassphraseSecretsProvider.Open(PulumiSalt, source));

        Assert.Contains(PassphraseSource.PassphraseVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains(PassphraseSource.PassphraseFileVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToCheckpointState_HasPulumiShape()
    {
        var secrets = PassphraseSecretsProvider.FromEncryptionSalt(PulumiSalt, "password");

        var state = secrets.ToCheckpointState();

        Assert.Equal("passphrase", state["type"]!.GetValue<string>());
        Assert.Equal(PulumiSalt, state["state"]!["salt"]!.GetValue<string>());
    }
}
