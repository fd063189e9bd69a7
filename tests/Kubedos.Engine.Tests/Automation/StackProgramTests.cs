using Kubedos.Engine.Automation;
using Kubedos.Engine.Config;
using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Engine.Secrets;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Automation;

public sealed class StackProgramTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubedos-program-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class AppStack : Stack
    {
        public AppStack()
        {
            var thing = new Thing("t", new ThingArgs { Value = RequireConfig("greeting"), Password = Output.CreateSecret(RequireConfig("token")) });
            Greeting = thing.Value;
            Token = thing.Password;
        }

        [Output("greeting")]
        public Output<string> Greeting { get; }

        public Output<string> Token { get; }
    }

    [Fact]
    public async Task TypedStack_WithPulumiFiles_ReadsConfigAndExportsOutputs()
    {
        ProjectFile.Create("proj", "dotnet").Save(Path.Combine(_dir, ProjectFile.FileName));
        var passphrase = PassphraseSource.FromPassphrase("pw");
        var config = new StackConfigStore(_dir, "dev", passphrase);
        config.Set("greeting", "hello", secret: false);
        config.Set("token", "s3cret-token", secret: true);

        var provider = new FakeProvider();
        var workspace = Workspace.Create(new WorkspaceOptions
        {
            WorkDir = _dir,
            Providers = ProviderRegistry.Of(provider),
            Program = StackProgram.Create<AppStack>(),
            Passphrase = passphrase,
            Environment = _ => null,
        });
        Assert.Equal("proj", workspace.ProjectName);
        var stack = await workspace.CreateStackAsync("dev");
        var prelude = new List<Kubedos.Engine.Automation.Events.PreludeEvent>();
        var result = await stack.UpAsync(new UpdateOptions { OnEvent = e => { if (e is Kubedos.Engine.Automation.Events.PreludeEvent p) { prelude.Add(p); } } });

        Assert.Equal("hello", result.Outputs["greeting"].Value.AsString());
        Assert.True(result.Outputs["token"].IsSecret);
        Assert.Equal("[secret]", prelude.Single().Config["proj:token"]);
        var state = File.ReadAllText(Path.Combine(_dir, ".kubedos", "stacks", "proj", "dev.json"));
        Assert.DoesNotContain("s3cret-token", state, StringComparison.Ordinal);
        Assert.Contains("\"salt\"", state, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetConfigAsync_NextUpReadsIt_AndRemoveConfigAsyncTakesItBack()
    {
        ProjectFile.Create("proj", "dotnet").Save(Path.Combine(_dir, ProjectFile.FileName));
        var passphrase = PassphraseSource.FromPassphrase("pw");
        var workspace = Workspace.Create(new WorkspaceOptions
        {
            WorkDir = _dir,
            Providers = ProviderRegistry.Of(new FakeProvider()),
            Program = StackProgram.Create<AppStack>(),
            Passphrase = passphrase,
            Environment = _ => null,
        });
        var stack = await workspace.CreateStackAsync("dev");
        await stack.SetConfigAsync("proj:greeting", "hello");
        await stack.SetConfigAsync("proj:token", "s3cret-token", secret: true);

        var result = await stack.UpAsync();

        Assert.Equal("hello", result.Outputs["greeting"].Value.AsString());
        Assert.Equal("s3cret-token", await stack.GetConfigAsync("proj:token"));
        Assert.DoesNotContain("s3cret-token", File.ReadAllText(Path.Combine(_dir, StackConfigFile.FileNameFor("dev"))), StringComparison.Ordinal);
        Assert.True(await stack.RemoveConfigAsync("proj:greeting"));
        Assert.False(await stack.RemoveConfigAsync("proj:greeting"));
        Assert.Null(await stack.GetConfigAsync("proj:greeting"));
        var ex = await Assert.ThrowsAsync<UpdateFailedException>(() => stack.UpAsync());
        Assert.Contains("proj:greeting", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetConfigAsync_ConfigGivenInCode_IsRefusedNotLost()
    {
        var workspace = Workspace.Create(new WorkspaceOptions
        {
            ProjectName = "proj",
            WorkDir = _dir,
            Providers = ProviderRegistry.Of(new FakeProvider()),
            Program = StackProgram.Create(s => { }),
            Config = _ => new Dictionary<string, string>(),
            Environment = _ => null,
        });
        var stack = await workspace.CreateStackAsync("dev");
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => stack.SetConfigAsync("proj:greeting", "hello"));
        Assert.Contains("given in code", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InlineProgram_MissingConfig_FailsNamingKey()
    {
        var workspace = Workspace.Create(new WorkspaceOptions
        {
            ProjectName = "proj",
            WorkDir = _dir,
            Providers = ProviderRegistry.Of(new FakeProvider()),
            Program = StackProgram.Create(s => _ = new Thing("t", new ThingArgs { Value = s.RequireConfig("missing") })),
            Config = _ => new Dictionary<string, string>(),
            Environment = _ => null,
        });
        var stack = await workspace.CreateStackAsync("dev");
        var ex = await Assert.ThrowsAsync<UpdateFailedException>(() => stack.UpAsync());
        Assert.Contains("proj:missing", ex.Message, StringComparison.Ordinal);
    }

    // A program run through the automation API resolves relative config paths against its workspace, not the
    // directory the process happens to be in (a test host runs many workspaces from its bin directory).
    [Fact]
    public async Task InlineProgram_ProjectDirectory_IsTheWorkspacesNotTheProcesss()
    {
        string? seen = null;
        var workspace = Workspace.Create(new WorkspaceOptions
        {
            ProjectName = "proj",
            WorkDir = _dir,
            Providers = ProviderRegistry.Of(new FakeProvider()),
            Program = StackProgram.Create(s => seen = s.ProjectDirectory),
            Config = _ => new Dictionary<string, string>(),
            Environment = _ => null,
        });
        var stack = await workspace.CreateStackAsync("dev");

        await stack.PreviewAsync();

        Assert.Equal(Path.GetFullPath(_dir), seen);
        Assert.NotEqual(Directory.GetCurrentDirectory(), seen);
    }

    private sealed class RefusingStack : Stack
    {
        public RefusingStack() => throw new InvalidOperationException("config 'proj:spec' is not set");
    }

    private Workspace InlineWorkspace(StackProgram program) => Workspace.Create(new WorkspaceOptions
    {
        ProjectName = "proj",
        WorkDir = _dir,
        Providers = ProviderRegistry.Of(new FakeProvider()),
        Program = program,
        Config = _ => new Dictionary<string, string>(),
        Environment = _ => null,
    });

    [Fact]
    public async Task TypedStack_ConstructorThrows_ReportsItsErrorNotTheReflectionWrapper()
    {
        var stack = await InlineWorkspace(StackProgram.Create<RefusingStack>()).CreateStackAsync("dev");

        var ex = await Assert.ThrowsAsync<UpdateFailedException>(() => stack.PreviewAsync());

        var failure = Assert.Single(ex.Result!.Summary.Failures);
        Assert.Equal("the program failed: config 'proj:spec' is not set", failure.Message);
        Assert.DoesNotContain("target of an invocation", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Program_ThrowsProgramException_ReportsEachProblemAtItsLocation()
    {
        var problems = new[]
        {
            new ProgramProblem("spec.yaml:3:5: error rule-a: first", new PolicySourceLocation("spec.yaml", 3, 5), "rule-a"),
            new ProgramProblem("spec.yaml:9:1: error rule-b: second", new PolicySourceLocation("spec.yaml", 9, 1), "rule-b"),
        };
        var stack = await InlineWorkspace(StackProgram.Create((Action<Stack>)(_ => throw new ProgramException("the spec is invalid", problems)))).CreateStackAsync("dev");

        var ex = await Assert.ThrowsAsync<UpdateFailedException>(() => stack.PreviewAsync());

        var failures = ex.Result!.Summary.Failures;
        Assert.Equal(["spec.yaml:3:5: error rule-a: first", "spec.yaml:9:1: error rule-b: second"], failures.Select(f => f.Message).ToArray());
        Assert.Equal([3, 9], failures.Select(f => f.Source!.Line!.Value).ToArray());
        Assert.Equal(["rule-a", "rule-b"], failures.Select(f => f.Rule!).ToArray());
    }

    private sealed class FirstKindStack : Stack
    {
        [Output("kind")]
        public Output<string> Kind { get; } = Output.Create("first");
    }

    private sealed class SecondKindStack : Stack
    {
        [Output("kind")]
        public Output<string> Kind { get; } = Output.Create($"second, for {new ProgramConfig().Get("kind")}");
    }

    [Fact]
    public async Task ChosenStack_ReadsProgramConfigToPickItsClass()
    {
        var program = StackProgram.Create(() => new ProgramConfig().Get("kind") is null ? new FirstKindStack() : new SecondKindStack());
        var workspace = Workspace.Create(new WorkspaceOptions
        {
            ProjectName = "proj",
            WorkDir = _dir,
            Providers = ProviderRegistry.Of(new FakeProvider()),
            Program = program,
            Config = stack => stack == "second" ? new Dictionary<string, string> { ["proj:kind"] = "b" } : new Dictionary<string, string>(),
            Environment = _ => null,
        });

        var first = await (await workspace.CreateStackAsync("first")).UpAsync();
        var second = await (await workspace.CreateStackAsync("second")).UpAsync();

        Assert.Equal("first", first.Outputs["kind"].Value.AsString());
        Assert.Equal("second, for b", second.Outputs["kind"].Value.AsString());
        Assert.Throws<InvalidOperationException>(() => new ProgramConfig());
    }
}
