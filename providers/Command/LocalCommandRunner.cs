using System.Diagnostics;

namespace Kubedos.Providers.Command;

/// <summary>Runs a command on this machine and collects its output, masking secrets in all of it.</summary>
internal static class LocalCommandRunner
{
    /// <summary>Runs <paramref name="spec"/>; a non-zero exit is a <see cref="CommandFailedException"/>.</summary>
    /// <param name="spec">What to run.</param>
    /// <param name="redactor">Masks secrets in output, messages and the log.</param>
    /// <param name="log">Receives each output line (redacted) as it arrives, prefixed by its stream.</param>
    /// <param name="cancellationToken">Cancels the run; the process tree is killed.</param>
    public static async Task<CommandResult> RunAsync(
        CommandSpec spec, SecretRedactor redactor, Action<string>? log, CancellationToken cancellationToken)
    {
        if (spec.Interpreter.Count == 0)
        {
            throw new CommandFailedException("the interpreter is empty: give at least the program to run");
        }

        if (spec.Directory is not null && !System.IO.Directory.Exists(spec.Directory))
        {
            throw new CommandFailedException($"the working directory '{spec.Directory}' does not exist");
        }

        var start = new ProcessStartInfo(spec.Interpreter[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in spec.Interpreter.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(spec.Text);
        if (spec.Directory is not null)
        {
            start.WorkingDirectory = spec.Directory;
        }

        foreach (var (name, value) in spec.Environment)
        {
            start.Environment[name] = value;
        }

        using var process = new Process { StartInfo = start };
        var stdout = new System.Text.StringBuilder();
        var stderr = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => Collect(e.Data, stdout, "stdout", redactor, log);
        process.ErrorDataReceived += (_, e) => Collect(e.Data, stderr, "stderr", redactor, log);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new CommandFailedException($"could not start '{spec.Interpreter[0]}': {redactor.Redact(e.Message)}", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (spec.Stdin is not null)
        {
            await process.StandardInput.WriteAsync(spec.Stdin.AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        // WaitForExitAsync returns after the output streams reached EOF, so the buffers are complete.
        var result = new CommandResult(
            process.ExitCode, redactor.Redact(TrimFinalNewline(stdout)), redactor.Redact(TrimFinalNewline(stderr)));
        if (result.ExitCode != 0)
        {
            throw new CommandFailedException(
                $"command '{redactor.Redact(spec.Text)}' exited with {result.ExitCode}: {Tail(result.Stderr)}", result);
        }

        return result;
    }

    private static void Collect(string? line, System.Text.StringBuilder buffer, string stream, SecretRedactor redactor, Action<string>? log)
    {
        if (line is null)
        {
            return;
        }

        var clean = redactor.Redact(line);
        lock (buffer)
        {
            buffer.Append(clean).Append('\n');
        }

        log?.Invoke($"{stream}: {clean}");
    }

    private static string TrimFinalNewline(System.Text.StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString().TrimEnd('\n');
        }
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : "..." + text[^2000..];
}
