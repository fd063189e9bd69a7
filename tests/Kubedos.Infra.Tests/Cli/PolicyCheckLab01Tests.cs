using Kubedos.Cli;

namespace Kubedos.Infra.Tests.Cli;

/// <summary><c>kubedos policy check --stack lab-01</c> over the real program (KubedosStack and the built-in providers) and the repository's stacks/lab-01.yaml; a preview needs no root.</summary>
public sealed class PolicyCheckLab01Tests : IDisposable
{
    // A project of its own (spec by absolute path, outputs and state inside it), so the check writes nothing into the repository.
    private readonly string project = Directory.CreateTempSubdirectory("kubedos-policy-lab01-").FullName;

    public PolicyCheckLab01Tests()
    {
        File.WriteAllText(Path.Combine(project, "Pulumi.yaml"), "name: kubedos\nruntime: dotnet\nbackend:\n  url: file://.kubedos\n");
        File.WriteAllText(Path.Combine(project, "Pulumi.lab-01.yaml"), $"config:\n  kubedos:spec: {RepositoryFiles.PathOf("stacks/lab-01.yaml")}\n  kubedos:outDir: {Path.Combine(project, "out")}\n");
    }

    [Fact]
    public async Task Check_Lab01WithTheRealProgram_ExitsZero()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = KubedosCli.CreateHost() with
        {
            WorkDir = project,
            Out = output,
            Error = error,
            Environment = _ => null,
        };

        var exit = await PolicyCheckCommand.RunAsync(host, "lab-01", PolicyCheckFormat.Text, output: null, configFile: null, CancellationToken.None);

        Assert.True(exit == PolicyCheckCommand.Passed, $"{output}\n{error}");
        Assert.Contains("policy check of lab-01: 0 mandatory, 0 advisory violation(s) over 9 policies; passed", output.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(project, recursive: true);
}
