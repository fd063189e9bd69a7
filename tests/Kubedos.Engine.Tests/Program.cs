using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests;

/// <summary>The test assembly's entry point, so tests can start it as a real child process (the kill-mid-run recovery test, races between processes).</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["crash-child", ..])
        {
            return await CrashScenario.RunChildAsync(args);
        }

        if (args is ["kubedos-child", _, _, ..])
        {
            return await KubedosChild.RunChildAsync(args);
        }

        await Console.Error.WriteLineAsync("usage: Kubedos.Engine.Tests crash-child <workDir> <filesDir> <version> <pauseMs> | kubedos-child <workDir> <verb> ...");
        return 2;
    }
}
