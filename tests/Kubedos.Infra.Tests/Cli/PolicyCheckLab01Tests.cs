using Kubedos.Cli;
using Kubedos.Infra.Tests.Lab;

namespace Kubedos.Infra.Tests.Cli;

/// <summary>
/// <c>kubedos policy check --stack S</c> over the real program (KubedosStack and the built-in providers) and every
/// shipped stacks/*.yaml, in a project configured as the lab tests configure one (<see cref="LabProject"/>:
/// spec by path, outputs and state inside, the operator's PKI); a preview needs no root and changes nothing.
/// </summary>
public sealed class PolicyCheckLab01Tests
{
    /// <summary>Every shipped stack file, found on disk, so a new stack cannot escape the check.</summary>
    public static TheoryData<string> ShippedStacks() =>
        [.. Directory.GetFiles(RepositoryFiles.PathOf("stacks"), "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Check_Lab01WithTheRealProgram_ExitsZero()
    {
        var (exit, stack, output) = await CheckAsync("lab-01.yaml");

        Assert.True(exit == PolicyCheckCommand.Passed, output);
        Assert.Contains($"policy check of {stack}: 0 mandatory, 0 advisory violation(s) over 9 policies; passed", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ShippedStacks))]
    public async Task Check_ShippedStack_PassesOrSaysItIsRefused(string specFile)
    {
        var refused = RepositoryFiles.Read($"stacks/{specFile}").Contains("INTENTIONALLY REFUSED", StringComparison.Ordinal);

        var (exit, _, output) = await CheckAsync(specFile);

        // A stack refused by validate cannot be judged: the program stops at the spec, and the check fails (exit 1).
        Assert.True(exit == (refused ? PolicyCheckCommand.PreviewFailed : PolicyCheckCommand.Passed), output);
    }

    private static async Task<(int Exit, string Stack, string Output)> CheckAsync(string specFile)
    {
        var stack = Path.GetFileNameWithoutExtension(specFile);
        await using var project = LabProject.Create(stack, specFile);
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
        return (exit, project.Stack, $"{output}\n{error}");
    }
}
