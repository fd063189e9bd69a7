using System.Text;
using Kubedos.Cli;

namespace Kubedos.Infra.Tests.Cli;

public sealed class StackSpecLocatorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubedos-locate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Locate_StackFileWithByteOrderMark_FindsTheSpec()
    {
        File.WriteAllBytes(Path.Combine(_dir, "Pulumi.dev.yaml"), [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("config:\n  kubedos:spec: stacks/dev.yaml\n")]);

        Assert.Equal(Path.Combine(_dir, "stacks", "dev.yaml"), StackSpecLocator.Locate(_dir, "dev", out _));
    }

    [Fact]
    public void Locate_StackFileAliasBomb_IsRefusedAtItsLine()
    {
        var bomb = new StringBuilder("config:\n  kubedos:spec: stacks/dev.yaml\n  kubedos:bomb:\n    l0: &l0 [x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 9; i++)
        {
            bomb.Append(System.Globalization.CultureInfo.InvariantCulture, $"    l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]\n");
        }

        File.WriteAllText(Path.Combine(_dir, "Pulumi.dev.yaml"), bomb.ToString());

        Assert.Null(StackSpecLocator.Locate(_dir, "dev", out var error));
        Assert.Contains("Pulumi.dev.yaml:9:", error, StringComparison.Ordinal);
        Assert.Contains("alias bomb", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_StackFileIsAFifo_IsRefusedInsteadOfHanging()
    {
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [Path.Combine(_dir, "Pulumi.dev.yaml")]))
        {
            mkfifo.WaitForExit();
        }

        Assert.Null(StackSpecLocator.Locate(_dir, "dev", out var error));
        Assert.Contains("not a regular file (a FIFO)", error, StringComparison.Ordinal);
    }
}
