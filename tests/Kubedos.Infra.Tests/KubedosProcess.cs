using System.Diagnostics;

namespace Kubedos.Infra.Tests;

/// <summary>The kubedos CLI built beside the tests, run as its own process, as an operator runs it.</summary>
internal static class KubedosProcess
{
    /// <summary>
    /// Runs <c>kubedos <paramref name="args"/></c> in <paramref name="workDir"/>, behind <paramref name="prefix"/> when it is
    /// not empty (<c>unshare --net --</c>), and returns its exit code and what it printed; cancelled after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string workDir, string[] prefix, string[] args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(prefix.Length > 0 ? prefix[0] : "dotnet") { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var word in prefix.Skip(1).Concat(prefix.Length > 0 ? ["dotnet"] : []))
        {
            start.ArgumentList.Add(word);
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kubedos.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var cancel = new CancellationTokenSource(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(cancel.Token);
        var stderr = process.StandardError.ReadToEndAsync(cancel.Token);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
