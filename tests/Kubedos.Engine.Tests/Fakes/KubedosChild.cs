using System.Diagnostics;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Cli;
using Kubedos.Engine.Providers;

namespace Kubedos.Engine.Tests.Fakes;

/// <summary>The engine verbs in a real child process (this test assembly's <c>kubedos-child</c> entry), for races between processes.</summary>
internal static class KubedosChild
{
    /// <summary>What one child did.</summary>
    public sealed record Result(int ExitCode, string Out, string Error);

    /// <summary>The child: <c>kubedos-child &lt;workDir&gt; &lt;verb&gt; ...</c> runs one engine command with the real console.</summary>
    public static Task<int> RunChildAsync(string[] args) =>
        EngineCommands.RunAsync(
            new ProgramHost(StackProgram.Create(_ => { }), ProviderRegistry.Of(new FakeProvider())) { WorkDir = args[1], Interactive = false },
            args[2..],
            CancellationToken.None);

    /// <summary>Starts one child per command line at once, lets them run together, and returns what each did.</summary>
    public static async Task<IReadOnlyList<Result>> RunTogetherAsync(string workDir, IReadOnlyDictionary<string, string> environment, IEnumerable<string[]> commands)
    {
        var children = commands.Select(command => Start(workDir, environment, command)).ToList();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            return await Task.WhenAll(children.Select(async child =>
            {
                var output = child.StandardOutput.ReadToEndAsync(timeout.Token);
                var error = child.StandardError.ReadToEndAsync(timeout.Token);
                await child.WaitForExitAsync(timeout.Token);
                return new Result(child.ExitCode, await output, await error);
            }));
        }
        finally
        {
            foreach (var child in children)
            {
                if (!child.HasExited)
                {
                    child.Kill(entireProcessTree: true);
                }

                child.Dispose();
            }
        }
    }

    private static Process Start(string workDir, IReadOnlyDictionary<string, string> environment, string[] command)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { typeof(KubedosChild).Assembly.Location, "kubedos-child", workDir }.Concat(command))
        {
            start.ArgumentList.Add(arg);
        }

        // Only what the test gives: not the passphrase, stack or backend of whoever runs the tests.
        foreach (var name in new[] { "KUBEDOS_CONFIG_PASSPHRASE", "KUBEDOS_CONFIG_PASSPHRASE_FILE", "KUBEDOS_STACK", "KUBEDOS_BACKEND_URL" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start the kubedos child");
        process.StandardInput.Close();
        return process;
    }
}
