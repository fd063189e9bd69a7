using System.Diagnostics;
using System.Text;

namespace Kubedos.Image.Tools;

/// <summary>Runs one build tool (argv, never a shell), capturing its output; a non-zero exit is an <see cref="ImageBuildException"/>.</summary>
public static class ToolRun
{
    /// <summary>Runs <paramref name="argv"/> and returns its standard output.</summary>
    /// <exception cref="ImageBuildException">The tool is missing or exited non-zero: names the phase, the tool and the last lines it printed.</exception>
    public static async Task<string> RunAsync(
        string phase, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in argv.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        // A build sees a fixed locale and time zone, so tools print and stamp the same way on every machine.
        start.Environment["LC_ALL"] = "C.UTF-8";
        start.Environment["TZ"] = "UTC";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ImageBuildException(phase, $"{argv[0]} cannot be started ({e.Message}); scripts/install-host-deps.sh installs it", e);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout;
        var errors = await stderr;
        if (process.ExitCode != 0)
        {
            throw new ImageBuildException(phase, $"{Path.GetFileName(argv[0])} exited {process.ExitCode}: {LastLines(errors.Length > 0 ? errors : output, 6)}");
        }

        return output;
    }

    private static string LastLines(string text, int count)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var builder = new StringBuilder();
        foreach (var line in lines.Skip(Math.Max(0, lines.Length - count)))
        {
            builder.Append(builder.Length > 0 ? " | " : string.Empty).Append(line);
        }

        return builder.Length > 0 ? builder.ToString() : "(no output)";
    }
}
