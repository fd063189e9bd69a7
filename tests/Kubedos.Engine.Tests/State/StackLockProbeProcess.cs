using System.Diagnostics;
using System.Text.Json;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Tests.State;

/// <summary>The stack lock probe (tests/Kubedos.Engine.StackLockProbe) running as a real second process.</summary>
internal sealed class StackLockProbeProcess : IDisposable
{
    private readonly Process process;

    private StackLockProbeProcess(Process process)
    {
        this.process = process;
    }

    public int Pid => process.Id;

    /// <summary>Starts a probe that takes the lock and holds it until <see cref="Release"/>; returns once it holds it (or failed).</summary>
    public static (StackLockProbeProcess Probe, string FirstLine) StartHolding(string root, string project, string stack, string operation)
    {
        var probe = new StackLockProbeProcess(Start("hold", root, project, stack, operation));
        var line = probe.process.StandardOutput.ReadLine() ?? string.Empty;
        return (probe, line);
    }

    /// <summary>Starts a probe that, each time it is asked (<see cref="Ask"/>), says who holds the lock as a second process sees it.</summary>
    public static StackLockProbeProcess StartWatching(string root, string project, string stack) =>
        new(Start("watch", root, project, stack, "-"));

    /// <summary>The lock id the watching probe sees now, or <c>free</c>.</summary>
    public string Ask()
    {
        lock (process)
        {
            process.StandardInput.WriteLine("?");
            process.StandardInput.Flush();
            return process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the watching probe exited");
        }
    }

    /// <summary>Runs a probe that tries the lock once; returns its exit code and output.</summary>
    public static (int ExitCode, string Output) Try(string root, string project, string stack, string operation)
    {
        using var process = Start("try", root, project, stack, operation);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Trim());
    }

    public static StackLockInfo ParseInfo(string line) =>
        JsonSerializer.Deserialize<StackLockInfo>(line) ?? throw new InvalidOperationException($"probe printed '{line}'");

    /// <summary>Closes the probe's stdin so it releases the lock and exits; returns its exit code.</summary>
    public int Release()
    {
        process.StandardInput.Close();
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>Kills the probe without letting it release anything, as a crash would.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Kill();
        }

        process.Dispose();
    }

    private static Process Start(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Kubedos.Engine.StackLockProbe.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("cannot start the stack lock probe");
    }
}
