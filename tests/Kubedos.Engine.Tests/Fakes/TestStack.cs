using Kubedos.Engine.Automation;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Engine.Secrets;
using Kubedos.Engine.State.Memory;
using Kubedos.Engine.State.Postgres;
using Kubedos.Engine.Tests.Backends;

namespace Kubedos.Engine.Tests.Fakes;

/// <summary>A workspace in a temp directory over a fake provider, whose program the test swaps between runs.</summary>
internal sealed class TestStack : IDisposable
{
    private Action<Stack> _program = _ => { };

    public TestStack(string stack = "dev", ISecretsProvider? secrets = null, FakeProvider? provider = null, Func<WorkspaceOptions, WorkspaceOptions>? configure = null, string backend = StateBackends.File)
    {
        configure ??= o => o;
        Backend = backend;
        Dir = Directory.CreateTempSubdirectory("kubedos-engine-").FullName;
        Provider = provider ?? new FakeProvider();
        Workspace = Workspace.Create(configure(new WorkspaceOptions
        {
            ProjectName = "proj",
            WorkDir = Dir,
            BackendUrl = StateBackends.NewUrl(backend),
            Providers = ProviderRegistry.Of(Provider),
            Program = StackProgram.Create(s =>
            {
                _program(s);
                return (IDictionary<string, object?>)Outputs(s);
            }),
            SecretsProvider = _ => secrets,
            Environment = _ => null,
        }));
        Stack = Workspace.CreateOrSelectStackAsync(stack).GetAwaiter().GetResult();
    }

    public string Dir { get; }

    /// <summary>The state backend (<see cref="StateBackends"/>).</summary>
    public string Backend { get; }

    public FakeProvider Provider { get; }

    public Workspace Workspace { get; }

    public WorkspaceStack Stack { get; }

    public List<EngineEvent> Events { get; } = [];

    public Func<Stack, Dictionary<string, object?>> Outputs { get; set; } = _ => [];

    public string StateFile => Path.Combine(Dir, ".kubedos", "stacks", "proj", Stack.Name + ".json");

    /// <summary>The stack's state as the backend stores it (snapshot, then any journal): file bytes, or rows read straight from the database.</summary>
    public string StoredState(string? stack = null)
    {
        stack ??= Stack.Name;
        return Backend switch
        {
            StateBackends.File => string.Concat(new[] { ".json", ".journal" }
                .Select(e => Path.Combine(Dir, ".kubedos", "stacks", "proj", stack + e)).Where(File.Exists).Select(File.ReadAllText)),
            StateBackends.Postgres => string.Concat(PostgresTestDatabase.Query(
                $"SELECT convert_from(snapshot, 'UTF8') FROM {Schema}.stacks WHERE project = 'proj' AND stack = '{stack}' "
                + $"UNION ALL SELECT convert_from(entry, 'UTF8') FROM {Schema}.journal WHERE project = 'proj' AND stack = '{stack}'")),

            _ => ((InMemoryCheckpointStore)Workspace.Store).StoredText("proj", stack),
        };
    }

    private string Schema => ((PostgresCheckpointStore)Workspace.Store).Database.Address.Schema;

    public static Urn UrnOf(string name, string type = Thing.TypeToken, string stack = "dev") =>
        Urn.Create(stack, "proj", string.Empty, type, name);

    public void Program(Action<Stack> program) => _program = program;

    public UpdateOptions Options(int parallel = 8) => new() { Parallel = parallel, OnEvent = Record };

    public Task<UpdateResult> UpAsync(Action<Stack> program, UpdateOptions? options = null)
    {
        Program(program);
        return Stack.UpAsync(options ?? Options());
    }

    public Task<UpdateResult> PreviewAsync(Action<Stack> program, UpdateOptions? options = null)
    {
        Program(program);
        return Stack.PreviewAsync(options ?? Options());
    }

    public void Record(EngineEvent e)
    {
        lock (Events)
        {
            Events.Add(e);
        }
    }

    public void Dispose()
    {
        Directory.Delete(Dir, recursive: true);
        if (Backend == StateBackends.Postgres)
        {
            PostgresTestDatabase.Query($"DROP SCHEMA IF EXISTS {Schema} CASCADE");
        }
    }
}
