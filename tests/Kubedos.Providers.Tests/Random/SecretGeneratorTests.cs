using Kubedos.Providers.Random;

namespace Kubedos.Providers.Tests.Random;

public sealed class SecretGeneratorTests
{
    [Fact]
    public void Password_Minimums_AreMet()
    {
        var policy = new PasswordPolicy(12, MinUpper: 3, MinLower: 3, MinNumeric: 3, MinSpecial: 3);
        for (var i = 0; i < 50; i++)
        {
            var password = SecretGenerator.Password(policy);
            Assert.Equal(12, password.Length);
            Assert.True(password.Count(char.IsAsciiLetterUpper) >= 3, password);
            Assert.True(password.Count(char.IsAsciiLetterLower) >= 3, password);
            Assert.True(password.Count(char.IsAsciiDigit) >= 3, password);
            Assert.True(password.Count(PasswordPolicy.DefaultSpecial.Contains) >= 3, password);
        }
    }

    [Fact]
    public void Password_ClassesDisabled_UsesOnlyAllowedCharacters()
    {
        var policy = new PasswordPolicy(64, Upper: false, Special: true, OverrideSpecial: "_");
        var password = SecretGenerator.Password(policy);
        Assert.All(password, c => Assert.True(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_', $"'{c}'"));
    }

    [Fact]
    public void Password_Twice_Differs() =>
        Assert.NotEqual(SecretGenerator.Password(new PasswordPolicy(32)), SecretGenerator.Password(new PasswordPolicy(32)));

    [Fact]
    public void Problems_MinimumsLongerThanLength_NamesLength()
    {
        var problems = new PasswordPolicy(4, MinUpper: 3, MinNumeric: 3).Problems();
        Assert.Contains(problems, p => p.Property == "length");
        Assert.Throws<ArgumentException>(() => SecretGenerator.Password(new PasswordPolicy(4, MinUpper: 3, MinNumeric: 3)));
    }

    [Fact]
    public void Problems_NoClassAllowed_Reported() =>
        Assert.NotEmpty(new PasswordPolicy(8, false, false, false, false).Problems());

    [Fact]
    public void RandomIdEncoding_KnownBytes_MatchesPulumiEncodings()
    {
        var encoding = RandomIdEncoding.Of([0xFB, 0xFF, 0x01], "id-");

        Assert.Equal("id-fbff01", encoding.Hex);
        Assert.Equal("id--_8B", encoding.B64Url);
        Assert.Equal("id-+/8B", encoding.B64Std);
        Assert.Equal("id-16514817", encoding.Dec);
    }
}
