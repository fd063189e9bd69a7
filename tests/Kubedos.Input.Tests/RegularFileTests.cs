using Kubedos.Testing;

namespace Kubedos.Input.Tests;

public sealed class RegularFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubedos-regular-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ReadAtMost_DevZero_IsRefusedAsACharacterDevice()
    {
        var e = Assert.Throws<InputFileException>(() => RegularFile.ReadAtMost("/dev/zero", 1024));

        Assert.Equal("file-not-regular", e.Rule);
        Assert.Contains("character device", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_Fifo_SaysFifo()
    {
        var fifo = HostileFiles.Fifo(Path.Combine(_dir, "spec.yaml"));

        Assert.Equal("is not a regular file (a FIFO)", RegularFile.Problem(fifo));
    }

    [Fact]
    public void Problem_SymbolicLinkToRegularFile_IsNone()
    {
        var target = Path.Combine(_dir, "target.yaml");
        File.WriteAllText(target, "a: 1\n");
        var link = Path.Combine(_dir, "link.yaml");
        File.CreateSymbolicLink(link, target);

        Assert.Null(RegularFile.Problem(link));
    }

    [Fact]
    public void ReadAtMost_OneByteOverTheCap_IsTooLarge()
    {
        var atCap = Path.Combine(_dir, "at-cap.yaml");
        File.WriteAllBytes(atCap, new byte[100]);
        var over = Path.Combine(_dir, "over.yaml");
        File.WriteAllBytes(over, new byte[101]);

        Assert.Equal(100, RegularFile.ReadAtMost(atCap, 100).Length);
        Assert.Equal("file-too-large", Assert.Throws<InputFileException>(() => RegularFile.ReadAtMost(over, 100)).Rule);
    }
}
