using Kubedos.Engine.Automation;
using Kubedos.Engine.Cli;
using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Engine.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;

namespace Kubedos.Engine.Tests.Cli;

/// <summary>A project directory (project "demo") with the engine verbs over a fake provider, a test console and a fake clock.</summary>
internal sealed class CliProject : IDisposable
{
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();
    private Action<Stack> program = _ => { };

    public CliProject(bool interactive = false)
    {
        Dir = Directory.CreateTempSubdirectory("kubedos-cli-").FullName;
        File.WriteAllText(Path.Combine(Dir, "Pulumi.yaml"), "name: demo\nruntime: dotnet\n");
        Console = new TestConsole();
        Console.Profile.Width = 200;
        Host = new ProgramHost(
            StackProgram.Create(s =>
            {
                program(s);
                return (IDictionary<string, object?>)Outputs(s);
            }),
            ProviderRegistry.Of(Provider))
        {
            WorkDir = Dir,
            Console = Console,
            Out = output,
            Error = error,
            Environment = name => Environment.GetValueOrDefault(name),
            Time = Time,
            Interactive = interactive,
            Confirm = question =>
            {
                Questions.Add(question);
                return Answer;
            },
        };
    }

    public string Dir { get; }

    public FakeProvider Provider { get; } = new();

    public TestConsole Console { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public Dictionary<string, string> Environment { get; } = new() { ["KUBEDOS_CONFIG_PASSPHRASE"] = "pw" };

    public ProgramHost Host { get; set; }

    public Func<Stack, Dictionary<string, object?>> Outputs { get; set; } = _ => [];

    public List<string> Questions { get; } = [];

    public bool Answer { get; set; }

    /// <summary>What a person saw.</summary>
    public string Screen => Console.Output;

    /// <summary>Machine output (JSON lines, exports, config values).</summary>
    public string Out => output.ToString();

    public string Error => error.ToString();

    public void Program(Action<Stack> next) => program = next;

    public Task<int> RunAsync(params string[] args) => EngineCommands.RunAsync(Host, args, CancellationToken.None);

    /// <summary>Runs and insists on success, showing what went wrong otherwise.</summary>
    public async Task RunOkAsync(params string[] args)
    {
        var code = await RunAsync(args);
        Assert.True(code == 0, $"kubedos {string.Join(' ', args)} exited {code}\nstderr: {Error}\nscreen: {Screen}");
    }

    public static Urn UrnOf(string name, string type = Thing.TypeToken) => Urn.Create("dev", "demo", string.Empty, type, name);

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
