using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Kubedos.Providers.Local;

/// <summary>Runs host programs as child processes, argv only, never through a shell.</summary>
public sealed class HostCommandRunner : ICommandRunner
{
    // A program that backgrounds a child which keeps our stdout pipe open must not hang the
    // caller: after the program exits, its output is collected for at most this long.
    private static readonly TimeSpan DrainAfterExit = TimeSpan.FromSeconds(2);

    private static readonly string[] ExtraSearchPath = ["/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin"];

    /// <inheritdoc />
    public async Task<ProcessResult> RunAsync(HostCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var startInfo = new ProcessStartInfo(Resolve(command.Program))
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (command.CleanEnvironment)
        {
            startInfo.Environment.Clear();
        }

        foreach (var (name, value) in command.Environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new LabCommandException($"`{command}` could not start: {e.Message}", e);
        }

        using var drain = new CancellationTokenSource();
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var stdoutPump = PumpAsync(process.StandardOutput.BaseStream, stdout, drain.Token);
        var stderrPump = PumpAsync(process.StandardError.BaseStream, stderr, drain.Token);
        await FeedStdinAsync(process, command.Stdin, cancellationToken);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (command.Timeout is { } timeout)
        {
            limit.CancelAfter(timeout);
        }

        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            timedOut = true;
        }

        drain.CancelAfter(DrainAfterExit);
        await Task.WhenAll(stdoutPump, stderrPump);
        return new ProcessResult(
            timedOut ? -1 : process.ExitCode,
            Encoding.UTF8.GetString(stdout.ToArray()),
            Encoding.UTF8.GetString(stderr.ToArray()),
            timedOut);
    }

    /// <summary>The full path of a program: as given when it has a slash, else the first match on PATH.</summary>
    public static string Resolve(string program)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return program;
        }

        var path = System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(ExtraSearchPath)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists) ?? program;
    }

    private static async Task FeedStdinAsync(Process process, byte[]? stdin, CancellationToken cancellationToken)
    {
        try
        {
            if (stdin is { Length: > 0 })
            {
                await process.StandardInput.BaseStream.WriteAsync(stdin, cancellationToken);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited without reading all of its stdin; its exit code tells the story.
        }
    }

    private static async Task PumpAsync(Stream from, MemoryStream to, CancellationToken cancellationToken)
    {
        try
        {
            await from.CopyToAsync(to, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // A daemon the program started still holds the pipe; keep what arrived.
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own in the meantime.
        }
    }
}
