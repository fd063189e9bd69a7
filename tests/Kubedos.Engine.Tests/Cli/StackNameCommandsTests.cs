using Kubedos.Engine.Automation;
using Kubedos.Engine.Cli;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Cli;

/// <summary>Which stack a verb acts on: <c>stack init</c>'s name forms, the one stack-name rule, and a stack that does not exist.</summary>
public sealed class StackNameCommandsTests
{
    public static TheoryData<string[]> VerbsOnAStack() =>
    [
        ["preview", "--stack", "typo"],
        ["up", "--yes", "--stack", "typo"],
        ["refresh", "--yes", "--stack", "typo"],
        ["destroy", "--yes", "--stack", "typo"],
        ["graph", "--stack", "typo"],
        ["config", "set", "--stack", "typo", "greeting", "hello"],
        ["config", "get", "--stack", "typo", "greeting"],
        ["stack", "output", "--stack", "typo"],
        ["stack", "export", "--stack", "typo"],
        ["stack", "unlock", "--stack", "typo"],
        ["stack", "select", "typo"],
    ];

    [Theory]
    [InlineData("--stack")]
    [InlineData("-s")]
    public async Task Init_NameAsStackOption_CreatesAndSelectsTheStack(string option)
    {
        using var p = new CliProject();

        await p.RunOkAsync("stack", "init", option, "dev");

        Assert.Contains("Created stack dev", p.Screen, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(p.Dir, ".kubedos", "stacks", "demo", "dev.json")));
    }

    [Fact]
    public async Task Init_ArgumentAndADifferentStackOption_ExitsTwoAndCreatesNothing()
    {
        using var p = new CliProject();

        Assert.Equal(EngineExitCodes.Usage, await p.RunAsync("stack", "init", "dev", "--stack", "prod"));

        Assert.Contains("'dev' and --stack 'prod'", p.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(p.Dir, ".kubedos")));
    }

    [Theory]
    [InlineData("UPPER_Case.1")]
    [InlineData("-dash")]
    [InlineData("dash-")]
    [InlineData("under_score")]
    [InlineData("dotted.name")]
    public async Task Init_NameTheLocalSubstrateRefuses_ExitsTwoNamingTheRule(string name)
    {
        using var p = new CliProject();

        Assert.Equal(EngineExitCodes.Usage, await p.RunAsync("stack", "init", "--stack", name));

        Assert.Contains($"stack name '{name}' is invalid: it must be {StackNameRule.Description}", p.Error, StringComparison.Ordinal);
        Assert.Equal(["Pulumi.yaml"], Directory.EnumerateFileSystemEntries(p.Dir).Select(e => Path.GetFileName(e)).ToArray());
    }

    [Fact]
    public async Task Preview_StackNameTheLocalSubstrateRefuses_ExitsTwoBeforeRunningTheProgram()
    {
        using var p = new CliProject();
        var ran = false;
        p.Program(_ => ran = true);

        Assert.Equal(EngineExitCodes.Usage, await p.RunAsync("preview", "--stack", "UPPER_Case.1"));

        Assert.Contains(StackNameRule.Description, p.Error, StringComparison.Ordinal);
        Assert.False(ran);
    }

    [Theory]
    [MemberData(nameof(VerbsOnAStack))]
    public async Task Verb_StackThatDoesNotExist_SaysSoListingTheStacksAndCreatesNothing(string[] args)
    {
        using var p = new CliProject();
        await p.RunOkAsync("stack", "init", "dev");
        p.Program(s => _ = new Thing("a", new ThingArgs { Value = "1" }));
        var before = Tree(p.Dir);

        var exit = await p.RunAsync(args);

        Assert.Equal(EngineExitCodes.StateError, exit);
        Assert.Contains("no stack named 'typo'", p.Error, StringComparison.Ordinal);
        Assert.Contains("(its stacks: dev)", p.Error, StringComparison.Ordinal);
        Assert.Equal(before, Tree(p.Dir));
        Assert.Empty(p.Provider.Calls);
    }

    [Fact]
    public async Task Preview_ExistingStack_WritesNothingAnywhereInTheProject()
    {
        using var p = new CliProject();
        await p.RunOkAsync("stack", "init", "dev");
        await p.RunOkAsync("config", "set", "--secret", "token", "s3cret");
        p.Program(s => _ = new Thing("a", new ThingArgs { Value = s.RequireConfig("token") }));
        var before = Tree(p.Dir);

        await p.RunOkAsync("preview", "--stack", "dev");

        Assert.Equal(before, Tree(p.Dir));
    }

    private static string[] Tree(string directory) =>
        [.. Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories)
            .Select(path => File.Exists(path) ? $"{Path.GetRelativePath(directory, path)} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)))}" : Path.GetRelativePath(directory, path) + "/")
            .Order(StringComparer.Ordinal)];
}
