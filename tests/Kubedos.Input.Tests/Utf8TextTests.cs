using System.Text;

namespace Kubedos.Input.Tests;

public sealed class Utf8TextTests
{
    [Fact]
    public void Decode_ByteOrderMark_IsSkipped()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("apiVersion: x\n")];

        Assert.Equal("apiVersion: x\n", Utf8Text.Decode("bom.yaml", bytes));
    }

    [Fact]
    public void Decode_InvalidByte_IsReportedAtItsLineAndColumn()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("a: 1\nbé: "), 0xFF, .. Encoding.UTF8.GetBytes("\n")];

        var e = Assert.Throws<InputFileException>(() => Utf8Text.Decode("bad.yaml", bytes));

        Assert.Equal("file-not-text", e.Rule);
        Assert.Equal((2, 5), (e.Line, e.Column));
        Assert.Contains("0xFF", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NulByte_IsReportedAtItsLine()
    {
        var e = Assert.Throws<InputFileException>(() => Utf8Text.Decode("nul.yaml", Encoding.UTF8.GetBytes("a: 1\nb: 2\nc\0\n")));

        Assert.Equal((3, 2), (e.Line, e.Column));
    }
}
