using Kubedos.Testing;

namespace Kubedos.Input.Tests;

public sealed class YamlInputTests
{
    [Fact]
    public void Load_AliasBomb_IsRefusedAtTheAliasThatCrossesTheLimit()
    {
        var e = Assert.Throws<InputFileException>(() => YamlInput.Load("bomb.yaml", HostileFiles.AliasBomb()));

        Assert.Equal("yaml-alias-expansion", e.Rule);
        Assert.Equal(6, e.Line);
        Assert.Contains("alias bomb", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AFewAliases_AreRead()
    {
        var stream = YamlInput.Load("ok.yaml", "base: &b {x: 1}\nuse: *b\nagain: *b\n");

        Assert.Single(stream.Documents);
    }

    [Fact]
    public void Load_TwentyThousandNestedMappings_IsRefusedAtTheFirstLevelTooDeep()
    {
        var e = Assert.Throws<InputFileException>(() => YamlInput.Load("deep.yaml", HostileFiles.DeepNesting(20_000)));

        Assert.Equal("yaml-nesting-depth", e.Rule);
        Assert.Equal(1, e.Line);
        Assert.Equal(4 + (4 * (YamlInput.MaxDepth - 1)), e.Column);
    }

    [Fact]
    public void Load_NestingAtTheLimit_IsRead()
    {
        var stream = YamlInput.Load("deep.yaml", HostileFiles.DeepNesting(YamlInput.MaxDepth - 1));

        Assert.Single(stream.Documents);
    }

    [Fact]
    public void Load_TabIndentation_IsReportedAtTheTab()
    {
        const string yaml = "a:\n  b: 1\n  c:\n\t  d: 2\n";

        var e = Assert.Throws<InputFileException>(() => YamlInput.Load("tab.yaml", yaml));

        Assert.Equal("yaml-syntax", e.Rule);
        Assert.Equal((4, 1), (e.Line, e.Column));
    }

    [Fact]
    public void LoadFile_Fifo_IsRefusedWithoutBlocking()
    {
        var dir = Directory.CreateTempSubdirectory("kubedos-yaml-").FullName;
        try
        {
            var fifo = HostileFiles.Fifo(Path.Combine(dir, "Pulumi.dev.yaml"));

            var e = Assert.Throws<InputFileException>(() => YamlInput.LoadFile(fifo));

            Assert.Equal("file-not-regular", e.Rule);
            Assert.Contains("not a regular file (a FIFO)", e.Problem, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
