using System.Security.Cryptography;
using System.Text.Json;
using Kubedos.Cli;
using Kubedos.Engine.Cli;
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
        var host = Host(project.Directory, output, error, LabProject.Passphrase);

        var exit = await PolicyCheckCommand.RunAsync(host, project.Stack, PolicyCheckFormat.Text, output: null, configFile: null, CancellationToken.None);
        return (exit, project.Stack, $"{output}\n{error}");
    }

    [Fact]
    public async Task PreviewAndCheck_Lab01WithTheRealProgram_WriteNothingInTheProject()
    {
        await using var project = LabProject.Create("lab-01", "lab-01.yaml");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = Host(project.Directory, output, error, LabProject.Passphrase);
        Assert.Equal(EngineExitCodes.Success, await EngineCommands.RunAsync(host, ["stack", "init", project.Stack], CancellationToken.None));
        var before = Tree(project.Directory);

        var preview = await EngineCommands.RunAsync(host, ["preview", "--stack", project.Stack], CancellationToken.None);
        var check = await PolicyCheckCommand.RunAsync(host, project.Stack, PolicyCheckFormat.Sarif, output: null, configFile: null, CancellationToken.None);

        Assert.True(preview == EngineExitCodes.Success && check == PolicyCheckCommand.Passed, $"{output}\n{error}");
        Assert.Equal(before, Tree(project.Directory));
    }

    [Fact]
    public async Task Check_FreshStackWithoutPki_NamesTheThreeKeysAndTheCommandInEveryFormat()
    {
        var directory = Directory.CreateTempSubdirectory("kubedos-fresh-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "Pulumi.yaml"), "name: kubedos\nruntime: dotnet\nbackend:\n  url: file://.kubedos\n");
            // On the host's files: a fresh dev stack with image nodes would first be told to build its image (NodeImageTests).
            File.WriteAllText(Path.Combine(directory, "dev.yaml"), File.ReadAllText(LabProject.RepositoryFile(Path.Combine("stacks", "dev.yaml"))).Replace("nodeRoot: image", "nodeRoot: host", StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(directory, "Pulumi.dev.yaml"), "config:\n  kubedos:spec: dev.yaml\n");
            var before = Tree(directory);
            string[] named = ["kubedos:pki.rootCert", "kubedos:pki.intermediateCert", "kubedos:pki.intermediateKey", "kubedos pki init-offline-root"];
            foreach (var format in new[] { PolicyCheckFormat.Text, PolicyCheckFormat.Json, PolicyCheckFormat.Sarif })
            {
                using var output = new StringWriter();
                using var error = new StringWriter();

                var exit = await PolicyCheckCommand.RunAsync(Host(directory, output, error, "pw"), "dev", format, output: null, configFile: null, CancellationToken.None);

                Assert.Equal(PolicyCheckCommand.PreviewFailed, exit);
                Assert.DoesNotContain("target of an invocation", output.ToString(), StringComparison.Ordinal);
                Assert.All(named, n => Assert.Contains(n, output.ToString(), StringComparison.Ordinal));
                if (format == PolicyCheckFormat.Sarif)
                {
                    using var sarif = JsonDocument.Parse(output.ToString());
                    var result = Assert.Single(sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
                    Assert.Equal("error", result.GetProperty("level").GetString());
                    Assert.Equal("Pulumi.dev.yaml", result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
                }
            }

            Assert.Equal(before, Tree(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Engine.Cli.ProgramHost Host(string directory, StringWriter output, StringWriter error, string passphrase) => KubedosCli.CreateHost() with
    {
        WorkDir = directory,
        Out = output,
        Error = error,
        Console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(output) }),
        Interactive = false,
        Environment = name => name == "KUBEDOS_CONFIG_PASSPHRASE" ? passphrase : null,
    };

    private static string[] Tree(string directory) =>
        [.. Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories)
            .Select(path => File.Exists(path) ? $"{Path.GetRelativePath(directory, path)} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))}" : Path.GetRelativePath(directory, path) + "/")
            .Order(StringComparer.Ordinal)];
}
