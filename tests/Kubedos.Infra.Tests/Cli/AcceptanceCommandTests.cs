using System.CommandLine;
using System.Text.Json;
using Kubedos.Cli;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Cli;
using Kubedos.Engine.Model;
using Kubedos.Engine.Policy;
using Kubedos.Engine.Providers;
using Kubedos.Providers.Command;
using Spectre.Console;

namespace Kubedos.Infra.Tests.Cli;

/// <summary>
/// <c>kubedos acceptance</c> through the kubedos command tree, on a stack whose gates are <see cref="AcceptanceStandIn"/>
/// (real <c>sh</c> commands on this machine) beside a command outside the gates that logs every run.
/// </summary>
public sealed class AcceptanceCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("kubedos-acceptance-").FullName;
    private readonly StringWriter screen = new();
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();
    private bool withGates = true;
    private string outsideVersion = "1";
    private IReadOnlyList<PolicyPack> policyPacks = [];

    public AcceptanceCommandTests()
    {
        File.WriteAllText(Path.Combine(directory, "Pulumi.yaml"), "name: kubedos\nruntime: dotnet\n");
    }

    private string ReportFile => Path.Combine(directory, "out", "lab", "recovery-bundle", "acceptance-report.json");

    [Fact]
    public async Task Acceptance_GatesPass_RunsEveryProbeAgainPrintsEachGateAndTheReportAndExitsZero()
    {
        await UpAsync();
        File.Delete(ReportFile);

        var exit = await RunAsync("acceptance", "--stack", "lab");

        Assert.True(exit == 0, $"exit {exit}\n{error}\n{screen}");
        Assert.Equal(2, Runs("cp-1-acceptance-probes"));
        Assert.Equal(2, Runs("operator-probes"));
        Assert.Equal(2, Runs("verdict"));
        Assert.Equal(1, Runs("outside"));
        Assert.True(File.Exists(ReportFile));
        var text = screen.ToString();
        Assert.Contains("Acceptance (lab): passed", text, StringComparison.Ordinal);
        Assert.Contains("backplane-matrix: passed", text, StringComparison.Ordinal);
        Assert.Contains("security-baseline: passed", text, StringComparison.Ordinal);
        Assert.Contains($"Report: {Path.Combine("out", "lab", "recovery-bundle", "acceptance-report.json")}", text, StringComparison.Ordinal);
        Assert.Contains("+-3 replaced", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acceptance_AProbeFails_ExitsOneNamingTheProbeAndPassesAgainOnceFixed()
    {
        await UpAsync();
        File.WriteAllText(Path.Combine(directory, "break-cp-1-acceptance-probes"), string.Empty);

        var exit = await RunAsync("acceptance", "--stack", "lab");

        Assert.Equal(EngineExitCodes.OperationFailed, exit);
        Assert.Contains("kubedos acceptance: update failed", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("backplane-matrix cp-1 -> cp-2 wg1 on outside-1 FAILED", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Failures:", screen.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Acceptance (lab): passed", screen.ToString(), StringComparison.Ordinal);
        Assert.Contains("backplane-matrix cp-1 -> cp-2 wg1 on outside-1 FAILED", File.ReadAllText(ReportFile), StringComparison.Ordinal);
        Assert.Equal(1, Runs("outside"));

        File.Delete(Path.Combine(directory, "break-cp-1-acceptance-probes"));
        Assert.Equal(0, await RunAsync("acceptance", "--stack", "lab"));
        Assert.Equal(3, Runs("cp-1-acceptance-probes"));
        Assert.Equal(1, Runs("outside"));
    }

    [Fact]
    public async Task Acceptance_ProgramChangedOutsideTheGates_LeavesThatResourceAsItWas()
    {
        await UpAsync();
        outsideVersion = "2";

        Assert.Equal(0, await RunAsync("acceptance", "--stack", "lab"));

        Assert.Equal(1, Runs("outside"));
        var checkpoint = await (await Workspace().SelectStackAsync("lab")).GetCheckpointAsync();
        var outside = Assert.Single(checkpoint.Resources, r => r.Urn.Name == "outside" && !r.Delete);
        Assert.Contains("outside-1", outside.Inputs["create"].AsString(), StringComparison.Ordinal);

        // The gates still saw the recorded outside resource, not the program's new one.
        Assert.Contains("on outside-1 ok", File.ReadAllText(ReportFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acceptance_Json_PrintsEngineEventsThenOneAcceptanceLine()
    {
        await UpAsync();
        output.GetStringBuilder().Clear();

        Assert.Equal(0, await RunAsync("acceptance", "--stack", "lab", "--json"));

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 2);
        Assert.All(lines[..^1], l => Assert.True(JsonDocument.Parse(l).RootElement.TryGetProperty("sequence", out _), l));
        using var last = JsonDocument.Parse(lines[^1]);
        var acceptance = last.RootElement.GetProperty("acceptance");
        Assert.Equal("lab", acceptance.GetProperty("stack").GetString());
        Assert.Equal("passed", acceptance.GetProperty("verdict").GetString());
        Assert.Equal("passed", acceptance.GetProperty("gates").GetProperty("backplane-matrix").GetString());
        Assert.Equal(ReportFile, acceptance.GetProperty("report").GetString());
        Assert.Equal(string.Empty, screen.ToString());
    }

    [Fact]
    public async Task Acceptance_MandatoryPolicyRefusesTheReplacements_ExitsFourAndRunsNothing()
    {
        await UpAsync();
        policyPacks = [new PolicyPack("test", new PlanValidationPolicy("no-replace", "Nothing is replaced.", EnforcementLevel.Mandatory, (args, report) =>
        {
            foreach (var step in args.Steps.Where(s => s.Op == PolicyStepOp.Replace))
            {
                report.Violation("replaces " + step.Urn.Name, step.Urn);
            }
        }))];

        var exit = await RunAsync("acceptance", "--stack", "lab");

        Assert.Equal(EngineExitCodes.PolicyViolation, exit);
        Assert.Contains("replaces verdict", screen.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, Runs("cp-1-acceptance-probes"));
        Assert.Equal(1, Runs("verdict"));
    }

    [Fact]
    public async Task Acceptance_StackNeverBroughtUp_ExitsSevenSayingSo()
    {
        Assert.Equal(0, await RunAsync("stack", "init", "lab"));

        var exit = await RunAsync("acceptance", "--stack", "lab");

        Assert.Equal(EngineExitCodes.StateError, exit);
        Assert.Equal(7, exit);
        Assert.Contains("kubedos acceptance: stack 'lab' has no resources: bring it up first", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(directory, "runs.log")));
    }

    [Fact]
    public async Task Acceptance_NoSuchStack_ExitsSeven()
    {
        var exit = await RunAsync("acceptance", "--stack", "nowhere");

        Assert.Equal(EngineExitCodes.StateError, exit);
        Assert.Contains("no stack named 'nowhere'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acceptance_StackWithoutGates_ExitsSevenAndChangesNothing()
    {
        withGates = false;
        await UpAsync();

        var exit = await RunAsync("acceptance", "--stack", "lab");

        Assert.Equal(EngineExitCodes.StateError, exit);
        Assert.Contains("stack 'lab' has no acceptance gates: its state holds no kubedos:components:Acceptance", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, Runs("outside"));
    }

    [Fact]
    public async Task Acceptance_NoStackGiven_ExitsTwo()
    {
        Assert.Equal(EngineExitCodes.Usage, await RunAsync("acceptance"));
        Assert.Contains("no stack selected", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        screen.Dispose();
        output.Dispose();
        error.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private async Task UpAsync()
    {
        Assert.Equal(0, await RunAsync("stack", "init", "lab"));
        var exit = await RunAsync("up", "--stack", "lab", "--yes");
        Assert.True(exit == 0, $"up exited {exit}\n{error}\n{screen}");
        Assert.Equal(1, Runs("outside"));
        screen.GetStringBuilder().Clear();
    }

    private int Runs(string name)
    {
        var log = Path.Combine(directory, "runs.log");
        return File.Exists(log) ? File.ReadAllLines(log).Count(l => l == name) : 0;
    }

    private Task<int> RunAsync(params string[] args) =>
        KubedosCli.Create(Host()).Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });

    private ProgramHost Host()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(screen),
        });
        console.Profile.Width = 400;
        return new ProgramHost(StackProgram.Create(Program), ProviderRegistry.Of(CommandProvider.Create()))
        {
            WorkDir = directory,
            Console = console,
            Out = output,
            Error = error,
            Environment = name => name == "KUBEDOS_CONFIG_PASSPHRASE" ? "test-passphrase" : null,
            Interactive = false,
            PolicyPacks = policyPacks,
        };
    }

    private Workspace Workspace() => Engine.Automation.Workspace.Create(new WorkspaceOptions
    {
        WorkDir = directory,
        Environment = name => name == "KUBEDOS_CONFIG_PASSPHRASE" ? "test-passphrase" : null,
    });

    private void Program(Stack stack)
    {
        var outside = new LocalCommand("outside", new LocalCommandArgs { Create = $"echo outside >> '{directory}/runs.log'; echo outside-{outsideVersion}" });
        if (withGates)
        {
            _ = new AcceptanceStandIn("acceptance", directory, ReportFile, outside.Stdout.Apply(s => s.Trim()), new ResourceOptions { DependsOn = [outside] });
        }
    }
}
