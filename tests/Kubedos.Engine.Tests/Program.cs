using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests;

/// <summary>The test assembly's entry point, so tests can start it as a real child process (the kill-mid-run recovery test).</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["crash-child", ..])
        {
            return await CrashScenario.RunChildAsync(args);
        }

        await Console.Error.WriteLineAsync("usage: Kubedos.Engine.Tests crash-child <workDir> <filesDir> <version> <pauseMs>");
        return 2;
    }
}
