using Kubedos.Engine.Secrets;

namespace Kubedos.Engine.Tests.Secrets;

public sealed class PassphraseSourceTests
{
    [Fact]
    public void Read_VariableSet_ReturnsIt()
    {
        var source = Source(new() { [PassphraseSource.PassphraseVariable] = "pw" });

        Assert.True(source.IsConfigured);
        Assert.Equal("pw", source.Read());
    }

    [Fact]
    public void Read_VariableSetEmpty_IsAValidEmptyPassphrase()
    {
        var source = Source(new() { [PassphraseSource.PassphraseVariable] = string.Empty });

        Assert.True(source.IsConfigured);
        Assert.Equal(string.Empty, source.Read());
    }

    [Fact]
    public void Read_FileVariable_ReadsFileWithoutFinalNewline()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "from file\n");
            var source = Source(new() { [PassphraseSource.PassphraseFileVariable] = file });

            Assert.Equal("from file", source.Read());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Read_BothSet_VariableWins()
    {
        var source = Source(new()
        {
            [PassphraseSource.PassphraseVariable] = "direct",
            [PassphraseSource.PassphraseFileVariable] = "/nonexistent/file",
        });

        Assert.Equal("direct", source.Read());
    }

    [Fact]
    public void Read_NeitherSet_ThrowsNamingBothVariables()
    {
        var source = Source([]);

        Assert.False(source.IsConfigured);
        var error = Assert.Throws<PassphraseMissingException>(source.Read);
        Assert.Contains("KUBEDOS_CONFIG_PASSPHRASE or KUBEDOS_CONFIG_PASSPHRASE_FILE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FileMissing_ThrowsNamingTheFile()
    {
        var source = Source(new() { [PassphraseSource.PassphraseFileVariable] = "/nonexistent/kubedos-pass" });

        var error = Assert.Throws<PassphraseMissingException>(source.Read);
        Assert.Contains("/nonexistent/kubedos-pass", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPassphrase_ReturnsIt()
    {
        Assert.Equal("fixed", PassphraseSource.FromPassphrase("fixed").Read());
    }

    private static PassphraseSource Source(Dictionary<string, string> variables) =>
        new(name => variables.GetValueOrDefault(name));
}
