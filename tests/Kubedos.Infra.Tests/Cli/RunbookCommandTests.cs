using System.CommandLine;
using Kubedos.Cli;

namespace Kubedos.Infra.Tests.Cli;

/// <summary>The destructive runbooks refuse to start without --yes, before they read a stack, a spec or a lab.</summary>
public sealed class RunbookCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("kubedos-runbook-cli-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData("total-loss", "kubedos runbook total-loss: rebuilding every node and restoring etcd from the bundle needs --yes")]
    [InlineData("compromised-node w-1", "kubedos runbook compromised-node: fencing, revoking and destroying w-1 needs --yes")]
    public async Task DestructiveRunbook_WithoutYes_ExitsTwoNamingTheFlagAndWritesNothing(string runbook, string refusal)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = KubedosCli.CreateHost() with { WorkDir = directory, Out = output, Error = error, Environment = _ => null };

        var exit = await KubedosCli.Create(host).Parse(["runbook", .. runbook.Split(' '), "--stack", "lab-01"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal(refusal, error.ToString().Trim());
        Assert.Empty(Directory.GetFileSystemEntries(directory));
    }
}
