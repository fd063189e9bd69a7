using Kubedos.Engine.Automation;
using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;

namespace Kubedos.Engine.Tests.Fakes;

/// <summary>The programs and workspace the kill-mid-run test runs, in the test process and in its child processes alike.</summary>
internal static class CrashScenario
{
    /// <summary>Version 1: six files, some fed by others. Version 2: c, e, f removed, a's content changed (updates a, b, d).</summary>
    public static void Program(Stack stack, int version)
    {
        var a = new CustomResource(FileProvider.TypeToken, "a", new FileArgs { Content = version == 1 ? "a1" : "a2" });
        var aPath = Output.Format($"from {a.Id}").Apply(s => s.Split('.')[0]);
        var b = new CustomResource(FileProvider.TypeToken, "b", new FileArgs { Content = Output.Format($"b after {aPath} v{version}") });
        _ = new CustomResource(FileProvider.TypeToken, "d", new FileArgs { Content = Output.Format($"d after {b.Urn} v{version}") });
        if (version == 1)
        {
            _ = new CustomResource(FileProvider.TypeToken, "c", new FileArgs { Content = "c" }, new ResourceOptions { DependsOn = [a] });
            var e = new CustomResource(FileProvider.TypeToken, "e", new FileArgs { Content = "e" });
            _ = new CustomResource(FileProvider.TypeToken, "f", new FileArgs { Content = "f" }, new ResourceOptions { DependsOn = [e] });
        }
    }

    public static WorkspaceStack Open(string workDir, string filesDir, int version, TimeSpan pause, TextWriter? announce, string? backendUrl = null, string? holdAt = null)
    {
        var workspace = Workspace.Create(new WorkspaceOptions
        {
            ProjectName = "crash",
            WorkDir = workDir,
            BackendUrl = backendUrl,
            Providers = ProviderRegistry.Of(new FileProvider(filesDir, pause, announce, holdAt)),
            Program = StackProgram.Create(s => Program(s, version)),
            SecretsProvider = _ => null,
            Environment = _ => null,
        });
        return workspace.CreateOrSelectStackAsync("dev").GetAwaiter().GetResult();
    }

    /// <summary>The child process: <c>crash-child &lt;workDir&gt; &lt;filesDir&gt; &lt;version&gt; &lt;pauseMs&gt; [backendUrl] [holdAt]</c> runs one up, announcing provider calls (and waiting forever after announcing <c>holdAt</c>).</summary>
    public static async Task<int> RunChildAsync(string[] args)
    {
        var stack = Open(args[1], args[2], int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture),
            TimeSpan.FromMilliseconds(int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture)), Console.Out,
            args.Length > 5 && args[5].Length > 0 ? args[5] : null, args.Length > 6 ? args[6] : null);
        await stack.UpAsync(new UpdateOptions { Parallel = 1 });
        await Console.Out.WriteLineAsync("done");
        return 0;
    }
}
