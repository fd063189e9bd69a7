using System.Text.Json.Nodes;
using Kubedos.Cli;

namespace Kubedos.Infra.Tests.Cli;

public sealed class ValidateCommandTests
{
    [Fact]
    public void Run_ValidStack_ExitsZeroAndSummarises()
    {
        var output = new StringWriter();

        var exit = ValidateCommand.Run(RepositoryFiles.PathOf("stacks/lab-01.yaml"), json: false, output);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("valid: cluster lab-01, 4 nodes", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_InvalidSpecAsJson_ListsEveryDiagnostic()
    {
        var file = Path.Combine(Path.GetTempPath(), $"kubedos-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, RepositoryFiles.Read("stacks/lab-01.yaml")
            .Replace("joinWindowMinutes: 30", "joinWindowMinutes: 0", StringComparison.Ordinal)
            .Replace("wireguardDays: 30", "wireguardDays: -1", StringComparison.Ordinal));
        try
        {
            var output = new StringWriter();

            var exit = ValidateCommand.Run(file, json: true, output);

            Assert.Equal(ExitCodes.InvalidSpec, exit);
            var result = JsonNode.Parse(output.ToString())!;
            Assert.False((bool)result["valid"]!);
            Assert.Equal(["join-window", "rotation-positive"], result["diagnostics"]!.AsArray().Select(d => (string?)d!["rule"]));
            Assert.All(result["diagnostics"]!.AsArray(), d => Assert.True((int)d!["line"]! > 1));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(0, "validate", "stacks/lab-01.yaml")]
    [InlineData(0, "validate", "stacks/dev.yaml")]
    [InlineData(1, "validate", "stacks/lab-01-proxmox.yaml")]
    [InlineData(1, "validate", "stacks/does-not-exist.yaml")]
    [InlineData(2, "validate", "--no-such-option")]
    [InlineData(2, "no-such-verb")]
    [InlineData(0, "validate", "--stack", "lab-01")]
    public async Task Kubedos_Process_ExitsWithTheDocumentedCode(int expected, params string[] args)
    {
        var (exitCode, stdout, stderr) = await RunKubedosAsync(args);

        Assert.True(expected == exitCode, $"exit {exitCode}\n{stdout}\n{stderr}");
        if (expected == 1)
        {
            // The proxmox example is refused for what this build does not carry out, not for its structure.
            var rule = args[^1].Contains("does-not-exist", StringComparison.Ordinal) ? "error file-not-found" : "error unsupported-field";
            Assert.Contains(rule, stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(2, "--years -5: must be 3 to 100 years", "pki", "init-offline-root", "--out", "/tmp/kubedos-never-written", "--years", "-5")]
    [InlineData(2, "--years 100000: must be 3 to 100 years", "pki", "init-offline-root", "--out", "/tmp/kubedos-never-written", "--years", "100000")]
    [InlineData(1, "kubedos pki init-offline-root: --out /proc/kubedos-x: cannot write the root there:", "pki", "init-offline-root", "--out", "/proc/kubedos-x")]
    [InlineData(2, "--output stacks: is a directory; give the path of a file to write", "schema", "--output", "stacks")]
    [InlineData(2, "--output stacks: is a directory; give the path of a file to write", "policy", "check", "--stack", "lab-01", "--output", "stacks")]
    [InlineData(2, "kubedos validate: stack name 'UPPER_Case.1' is invalid", "validate", "--stack", "UPPER_Case.1")]
    [InlineData(2, "kubedos stack init: stack name '-dash' is invalid", "stack", "init", "--stack=-dash")]
    [InlineData(7, "kubedos preview: no stack named 'typo'", "preview", "--stack", "typo")]
    public async Task Kubedos_Process_RefusesWithOneLineNamingTheOptionNotAStackTrace(int expected, string message, params string[] args)
    {
        var (exitCode, stdout, stderr) = await RunKubedosAsync(args);

        var error = stderr;
        Assert.True(expected == exitCode, $"exit {exitCode}\n{stdout}\n{error}");
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists("/tmp/kubedos-never-written"));
    }

    // The built kubedos in the repository root, as a person runs it.
    private static Task<(int ExitCode, string Stdout, string Stderr)> RunKubedosAsync(string[] args) =>
        KubedosProcess.RunAsync(RepositoryFiles.Root, [], args, TimeSpan.FromMinutes(1));
}
