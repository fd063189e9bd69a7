using Kubedos.Cli;
using Kubedos.Infra.Tests.Lab;

namespace Kubedos.Infra.Tests.Cli;

/// <summary>
/// <c>kubedos policy check --stack lab-01</c> over the real program (KubedosStack and the built-in providers) and the
/// repository's stacks/lab-01.yaml, in a project configured as the lab tests configure one (<see cref="LabProject"/>:
/// spec by path, outputs and state inside, the operator's PKI); a preview needs no root and changes nothing.
/// </summary>
public sealed class PolicyCheckLab01Tests
{
    [Fact]
    public async Task Check_Lab01WithTheRealProgram_ExitsZero()
    {
        await using var project = LabProject.Create("lab-01", "lab-01.yaml");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = KubedosCli.CreateHost() with
        {
            WorkDir = project.Directory,
            Out = output,
            Error = error,
            Environment = name => name == "KUBEDOS_CONFIG_PASSPHRASE" ? LabProject.Passphrase : null,
        };

        var exit = await PolicyCheckCommand.RunAsync(host, project.Stack, PolicyCheckFormat.Text, output: null, configFile: null, CancellationToken.None);

        Assert.True(exit == PolicyCheckCommand.Passed, $"{output}\n{error}");
        Assert.Contains($"policy check of {project.Stack}: 0 mandatory, 0 advisory violation(s) over 9 policies; passed", output.ToString(), StringComparison.Ordinal);
    }
}
