using System.Text.Json;
using Kubedos.Cli;
using Kubedos.Components.Substrate;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Cli;
using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Infra.Tests.Policies;
using Kubedos.Policies;
using Kubedos.Spec.Validation;

namespace Kubedos.Infra.Tests.Cli;

/// <summary>
/// <c>kubedos policy check</c> over a program that registers the spec facts and lab nodes as KubedosStack is asked
/// to (policies/README.md), on stand-in providers; each mandatory policy broken once.
/// </summary>
public sealed class PolicyCheckCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("kubedos-policy-check-").FullName;
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();
    private Action<Func<string, ResourceOptions>>? extra;
    private IReadOnlyList<string> nodeNames = ["cp-1", "cp-2", "cp-3", "w-1"];

    public PolicyCheckCommandTests()
    {
        File.WriteAllText(Path.Combine(directory, "Pulumi.yaml"), "name: kubedos\nruntime: dotnet\n");
        File.WriteAllText(Path.Combine(directory, "Pulumi.lab-01.yaml"), "config:\n  kubedos:spec: stacks/lab-01.yaml\n");
        Directory.CreateDirectory(Path.Combine(directory, "nodes"));
        WriteSpec(RepositoryFiles.Read("stacks/lab-01.yaml"));
    }

    private string SpecFile => Path.Combine(directory, "stacks", "lab-01.yaml");

    public static TheoryData<string> MandatoryPolicies() =>
    [
        HaQuorumPolicy.Id, PlaneCidrDisjointPolicy.Id, InterPlaneDefaultDenyPolicy.Id, SshHardeningPolicy.Id,
        PinnedPayloadsPolicy.Id, EnrollmentGatedPolicy.Id, SecretsEncryptedPolicy.Id,
    ];

    [Fact]
    public async Task Check_Lab01AsWritten_ExitsZero()
    {
        var exit = await CheckAsync("--stack", "lab-01");

        Assert.Equal(PolicyCheckCommand.Passed, exit);
        Assert.Contains("policy check of lab-01: 0 mandatory, 0 advisory violation(s) over 9 policies; passed", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MandatoryPolicies))]
    public async Task Check_StackBreakingAMandatoryPolicy_ExitsFourAndNamesIt(string policy)
    {
        Break(policy);

        var exit = await CheckAsync("--stack", "lab-01", "--format", "json");

        Assert.Equal(PolicyCheckCommand.MandatoryViolation, exit);
        Assert.Equal(4, exit);
        using var json = JsonDocument.Parse(output.ToString());
        var violation = Assert.Single(json.RootElement.GetProperty("violations").EnumerateArray());
        Assert.Equal(policy, violation.GetProperty("policy").GetString());
        Assert.Equal("mandatory", violation.GetProperty("enforcementLevel").GetString());
        Assert.Equal(SpecFile, violation.GetProperty("location").GetProperty("file").GetString());
        Assert.True(violation.GetProperty("location").GetProperty("line").GetInt32() > 0);
    }

    [Fact]
    public async Task Check_NodeRemovedWithAllowDestroyFalse_ExitsFourWithSarifAtTheFlagsLine()
    {
        WriteSpec(RepositoryFiles.Read("stacks/lab-01.yaml").Replace("allowDestroy: true", "allowDestroy: false", StringComparison.Ordinal));
        await (await Workspace().CreateOrSelectStackAsync("lab-01")).UpAsync();
        nodeNames = ["cp-1", "cp-2", "cp-3"];
        var sarifFile = Path.Combine(directory, "out", "policy.sarif");
        Directory.CreateDirectory(Path.GetDirectoryName(sarifFile)!);

        var exit = await CheckAsync("--stack", "lab-01", "--format", "sarif", "--output", "out/policy.sarif");

        Assert.Equal(4, exit);
        Assert.Contains("1 mandatory", error.ToString(), StringComparison.Ordinal);
        using var sarif = JsonDocument.Parse(File.ReadAllText(sarifFile));
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var run = Assert.Single(sarif.RootElement.GetProperty("runs").EnumerateArray());
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        var rule = Assert.Single(rules, r => r.GetProperty("id").GetString() == DestructionBoundaryPolicy.Id);
        Assert.False(string.IsNullOrEmpty(rule.GetProperty("shortDescription").GetProperty("text").GetString()));
        Assert.False(string.IsNullOrEmpty(rule.GetProperty("help").GetProperty("text").GetString()));
        var result = Assert.Single(run.GetProperty("results").EnumerateArray());
        Assert.Equal(DestructionBoundaryPolicy.Id, result.GetProperty("ruleId").GetString());
        Assert.Equal("error", result.GetProperty("level").GetString());
        Assert.StartsWith("delete of urn:pulumi:lab-01::kubedos::local:lab:Node::w-1 needs spec.substrate.allowDestroy: true", result.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("stacks/lab-01.yaml", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("%SRCROOT%", location.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        var line = Array.FindIndex(File.ReadAllLines(SpecFile), l => l.Contains("allowDestroy: false", StringComparison.Ordinal)) + 1;
        Assert.Equal(line, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(["cp-1", "cp-2", "cp-3", "w-1"], Directory.EnumerateFiles(Path.Combine(directory, "nodes")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Check_ConfigDowngradesThePolicy_ReportsAdvisoryAndExitsZero()
    {
        Break(SecretsEncryptedPolicy.Id);
        File.WriteAllText(Path.Combine(directory, "policy.json"), "{\"secrets-encrypted\": \"advisory\"}");

        var exit = await CheckAsync("--stack", "lab-01", "--config", "policy.json");

        Assert.Equal(0, exit);
        Assert.Contains("advisory kubedos/secrets-encrypted: input password holds a key, token or password in plain text", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("0 mandatory, 1 advisory", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ConfigNamingAnUnknownPolicy_ExitsFive()
    {
        File.WriteAllText(Path.Combine(directory, "policy.json"), "{\"no-such-policy\": \"advisory\"}");
        Assert.Equal(EngineExitCodes.ConfigError, await CheckAsync("--stack", "lab-01", "--config", "policy.json"));
        Assert.Contains("no-such-policy", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NoStack_ExitsTwo()
    {
        Assert.Equal(EngineExitCodes.Usage, await CheckAsync());
        Assert.Contains("no stack", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ProgramFails_ExitsOneAndSaysThePlanWasNotJudged()
    {
        extra = _ => throw new InvalidOperationException("the program broke");
        Assert.Equal(PolicyCheckCommand.PreviewFailed, await CheckAsync("--stack", "lab-01"));
        Assert.Contains("the program broke", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_StackTheBackendDoesNotHoldYet_JudgesThePlanAndWritesNothing()
    {
        var before = Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(PolicyCheckCommand.Passed, await CheckAsync("--stack", "lab-01"));

        Assert.Equal(before, Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [InlineData("typo")]
    [InlineData("UPPER_Case.1")]
    public async Task Check_StackThatDoesNotExistOrIsMisnamed_SaysSoAndWritesNothing(string stack)
    {
        var before = Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

        var exit = await CheckAsync("--stack", stack);

        Assert.Equal(stack == "typo" ? EngineExitCodes.StateError : EngineExitCodes.Usage, exit);
        Assert.Contains(stack == "typo" ? "no stack named 'typo'" : "is invalid: it must be a lowercase DNS label", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task Check_InvalidSpec_SarifHasAResultPerDiagnosticAtItsLine()
    {
        WriteSpec(RepositoryFiles.Read("stacks/lab-01.yaml")
            .Replace("  name: lab-01\n", "  name: Lab_01\n", StringComparison.Ordinal)
            .Replace("{ name: w-1, role: worker", "{ name: cp-1, role: worker", StringComparison.Ordinal));
        var diagnostics = SpecValidator.ValidateFile(SpecFile).Diagnostics;
        Assert.True(diagnostics.Count >= 2);

        var exit = await CheckAsync("--stack", "lab-01", "--format", "sarif");

        Assert.Equal(PolicyCheckCommand.PreviewFailed, exit);
        using var sarif = JsonDocument.Parse(output.ToString());
        var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(diagnostics.Select(d => d.RuleId).ToArray(), results.Select(r => r.GetProperty("ruleId").GetString()).ToArray());
        Assert.Equal(
            diagnostics.Select(d => d.Location.Line).ToArray(),
            results.Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32()).ToArray());
        Assert.All(results, r => Assert.Equal("stacks/lab-01.yaml", r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()));
    }

    [Fact]
    public async Task Check_InvalidSpec_JsonAndTextNameEveryDiagnosticAtItsLine()
    {
        WriteSpec(RepositoryFiles.Read("stacks/lab-01.yaml").Replace("  name: lab-01\n", "  name: Lab_01\n", StringComparison.Ordinal));
        var diagnostic = Assert.Single(SpecValidator.ValidateFile(SpecFile).Diagnostics);

        Assert.Equal(PolicyCheckCommand.PreviewFailed, await CheckAsync("--stack", "lab-01", "--format", "json"));
        using (var json = JsonDocument.Parse(output.ToString()))
        {
            var error = Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray());
            Assert.Equal(diagnostic.ToString(), error.GetProperty("message").GetString());
            Assert.Equal(diagnostic.RuleId, error.GetProperty("rule").GetString());
            Assert.Equal(diagnostic.Location.Line, error.GetProperty("location").GetProperty("line").GetInt32());
        }

        output.GetStringBuilder().Clear();
        Assert.Equal(PolicyCheckCommand.PreviewFailed, await CheckAsync("--stack", "lab-01"));
        Assert.Contains($"error: {diagnostic}", output.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        output.Dispose();
        error.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private void Break(string policy)
    {
        switch (policy)
        {
            case HaQuorumPolicy.Id:
                nodeNames = ["cp-1", "cp-2", "w-1"];
                break;
            case PlaneCidrDisjointPolicy.Id:
                extra = at => _ = new PolicyCheckStandIn(PolicyContract.PlaneType, "wg4", new() { Name = "wg4", Cidr = "10.101.0.0/16" }, at("spec.networking.planes"));
                break;
            case InterPlaneDefaultDenyPolicy.Id:
                extra = at => _ = new PolicyCheckStandIn(PolicyContract.FirewallType, "cp-1-firewall", new() { Node = "cp-1", DefaultInterPlane = "allow" }, at("spec.nodes.inventory[0]"));
                break;
            case SshHardeningPolicy.Id:
                extra = at => _ = new PolicyCheckStandIn("local:lab:File", "cp-1-sshd", new() { Node = "cp-1", Path = "/etc/kubedos/ssh/sshd_config", Content = "PasswordAuthentication no\nPermitRootLogin yes\nAllowUsers ops\n" }, at("spec.security.ssh"));
                break;
            case PinnedPayloadsPolicy.Id:
                extra = at => _ = new PolicyCheckStandIn("kubedos:observability:Loki", "loki", new() { Image = "grafana/loki:latest" }, at("spec.kubernetes"));
                break;
            case EnrollmentGatedPolicy.Id:
                extra = at => _ = new PolicyCheckStandIn(PolicyContract.EnrollmentType, "enrollment", new() { Mode = "open" }, at("spec.security.enrollment.mode"));
                break;
            case SecretsEncryptedPolicy.Id:
                extra = at => _ = new PolicyCheckStandIn("kubedos:observability:Grafana", "grafana", new() { Password = "admin-password-1234" }, at("spec.kubernetes"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(policy), policy, "no way to break it here");
        }
    }

    private void WriteSpec(string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SpecFile)!);
        File.WriteAllText(SpecFile, text);
    }

    private ProgramHost Host() => new(
        StackProgram.Create(s =>
        {
            var loaded = SpecValidator.ValidateFile(SpecFile);
            if (!loaded.Succeeded)
            {
                throw new SpecRejectedException(SpecFile, loaded.Diagnostics);
            }

            SpecFacts.Register(loaded.Document!.Spec, loaded.Sources);
            var inventory = loaded.Document.Spec.Nodes.Inventory;
            for (var i = 0; i < inventory.Count; i++)
            {
                if (nodeNames.Contains(inventory[i].Name))
                {
                    _ = new LabNodeStandIn(inventory[i].Name, new ResourceOptions { SourcePosition = SpecFacts.Locate(loaded.Sources, $"spec.nodes.inventory[{i}]") });
                }
            }

            extra?.Invoke(path => new ResourceOptions { SourcePosition = SpecFacts.Locate(loaded.Sources, path) });
            return new Dictionary<string, object?>();
        }),
        ProviderRegistry.Of(new LabNodeStandInProvider(Path.Combine(directory, "nodes")), new LabNodeStandInProvider(Path.Combine(directory, "nodes"), "kubedos")))
    {
        WorkDir = directory,
        Out = output,
        Error = error,
        Environment = _ => null,
    };

    private Workspace Workspace() => Engine.Automation.Workspace.Create(new WorkspaceOptions
    {
        WorkDir = directory,
        Providers = Host().Providers,
        Program = Host().Program,
        Environment = _ => null,
    });

    private Task<int> CheckAsync(params string[] args)
    {
        var root = new System.CommandLine.RootCommand("test") { PolicyCheckCommand.Create(Host()) };
        return root.Parse(["policy", "check", .. args]).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
    }

    [Fact]
    public void Parse_OutputIsADirectory_IsAUsageErrorNamingTheOption()
    {
        var root = new System.CommandLine.RootCommand("test") { PolicyCheckCommand.Create(Host()) };

        var parse = root.Parse(["policy", "check", "--stack", "lab-01", "--output", directory]);

        Assert.Contains(parse.Errors, e => e.Message == $"--output {directory}: is a directory; give the path of a file to write");
    }
}
