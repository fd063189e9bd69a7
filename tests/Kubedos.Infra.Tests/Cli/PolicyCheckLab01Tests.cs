using Kubedos.Cli;

namespace Kubedos.Infra.Tests.Cli;

/// <summary><c>kubedos policy check --stack lab-01</c> over the real program (KubedosStack and the built-in providers); a preview needs no root.</summary>
public sealed class PolicyCheckLab01Tests : IDisposable
{
    private readonly string backend = Directory.CreateTempSubdirectory("kubedos-policy-backend-").FullName;

    [Fact]
    public async Task Check_Lab01WithTheRealProgram_ExitsZero()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = KubedosCli.CreateHost() with
        {
            WorkDir = RepositoryFiles.Root,
            Out = output,
            Error = error,
            Environment = name => name == "KUBEDOS_BACKEND_URL" ? new Uri(backend + "/").AbsoluteUri : null,
        };

        var exit = await PolicyCheckCommand.RunAsync(host, "lab-01", PolicyCheckFormat.Text, output: null, configFile: null, CancellationToken.None);

        Assert.True(exit == PolicyCheckCommand.Passed, $"{output}\n{error}");
        Assert.Contains("policy check of lab-01: 0 mandatory, 0 advisory violation(s) over 9 policies; passed", output.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(backend, recursive: true);
}
