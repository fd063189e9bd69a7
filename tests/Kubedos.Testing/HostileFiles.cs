using System.Diagnostics;
using System.Text;
using Xunit;

namespace Kubedos.Testing;

/// <summary>Hostile inputs, generated rather than checked in.</summary>
public static class HostileFiles
{
    /// <summary>A billion laughs: each level is nine aliases of the one before (9^levels nodes from a few hundred bytes).</summary>
    public static string AliasBomb(int levels = 9)
    {
        var text = new StringBuilder("l0: &l0 [x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < levels; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]\n");
        }

        return text.ToString();
    }

    /// <summary><paramref name="depth"/> nested flow mappings under the key <c>a</c>.</summary>
    public static string DeepNesting(int depth) =>
        "a: " + string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth) + "\n";

    /// <summary>Makes a FIFO at <paramref name="path"/> (nothing ever writes to it).</summary>
    public static string Fifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }
}
