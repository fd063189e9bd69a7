using System.CommandLine;
using Kubedos.Cli;

namespace Kubedos.Infra.Tests.Cli;

/// <summary><c>kubedos swap</c> refuses to start without --yes, and a pair that is not one cluster definition, before it reads a state or a lab.</summary>
public sealed class SwapCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("kubedos-swap-cli-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Swap_WithoutYes_ExitsTwoNamingTheFlagAndWritesNothing()
    {
        var (exit, error) = await RunAsync("swap", "--from", "lab-01-blue", "--to", "lab-01-green");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal("kubedos swap: building 'lab-01-green' and moving the endpoint to it needs --yes", error);
        Assert.Empty(Directory.GetFileSystemEntries(directory));
    }

    [Fact]
    public async Task Swap_ColoursOfTwoDefinitions_ExitsTwoNamingTheLineAndCreatesNoState()
    {
        Directory.CreateDirectory(Path.Combine(directory, "stacks"));
        File.WriteAllText(Path.Combine(directory, "Pulumi.yaml"), "name: kubedos\nruntime: dotnet\n");
        File.WriteAllText(Path.Combine(directory, "stacks", "blue.yaml"), RepositoryFiles.Read("stacks/lab-01.yaml"));
        File.WriteAllText(Path.Combine(directory, "stacks", "dev.yaml"), RepositoryFiles.Read("stacks/dev.yaml"));
        File.WriteAllText(Path.Combine(directory, "Pulumi.blue.yaml"), "config:\n  kubedos:spec: stacks/blue.yaml\n");
        File.WriteAllText(Path.Combine(directory, "Pulumi.dev.yaml"), "config:\n  kubedos:spec: stacks/dev.yaml\n");

        var (exit, error) = await RunAsync("swap", "--from", "blue", "--to", "dev", "--yes");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.StartsWith("kubedos swap: stacks 'blue' and 'dev' are not one cluster definition", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(directory, ".kubedos")));
    }

    private async Task<(int Exit, string Error)> RunAsync(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = KubedosCli.CreateHost() with { WorkDir = directory, Out = output, Error = error, Environment = _ => null };
        var exit = await KubedosCli.Create(host).Parse(arguments).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, error.ToString().Trim());
    }
}
