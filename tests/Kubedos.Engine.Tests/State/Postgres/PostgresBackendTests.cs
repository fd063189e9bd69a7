using System.Diagnostics;
using Kubedos.Engine.Automation;
using Kubedos.Engine.State;
using Kubedos.Engine.State.Postgres;
using Kubedos.Engine.Tests.Backends;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.State.Postgres;

/// <summary>What only the postgres backend has to show: its schema's versions, its lock across processes, its URL.</summary>
public sealed class PostgresBackendTests : IDisposable
{
    private const string Password = "pw-that-must-never-print";

    private readonly string _work = Directory.CreateTempSubdirectory("kubedos-pg-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Workspace_UrlWithPassword_NeverPrintsIt()
    {
        // Port 1 on loopback: nothing answers, so the failure's message is what a person would see.
        var workspace = Open($"postgres://kubedos:{Password}@127.0.0.1:1/state?schema=s1", "proj");

        Assert.Equal("postgres://kubedos@127.0.0.1:1/state?schema=s1", workspace.BackendLocation);
        var failure = await Assert.ThrowsAsync<StateException>(() => workspace.ListStacksAsync());
        Assert.DoesNotContain(Password, failure.ToString(), StringComparison.Ordinal);
        Assert.Contains("postgres://kubedos@127.0.0.1:1/state", failure.Message, StringComparison.Ordinal);

        var unknown = Assert.Throws<StateException>(() => Open($"postgres://kubedos:{Password}@host/db?colour=red", "proj"));
        Assert.DoesNotContain(Password, unknown.Message, StringComparison.Ordinal);
        Assert.Contains("colour", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Address_WhatTheUrlLeavesOut_ComesFromLibpqVariables()
    {
        var env = new Dictionary<string, string> { ["PGHOST"] = "db.example", ["PGPORT"] = "6543", ["PGUSER"] = "ops", ["PGPASSWORD"] = Password, ["PGDATABASE"] = "states" };
        var address = PostgresAddress.Parse("postgres://", env.GetValueOrDefault);

        Assert.Equal(("db.example", 6543, "ops", "states", Password), (address.Connection.Host, address.Connection.Port, address.Connection.Username, address.Connection.Database, address.Connection.Password));
        Assert.Equal("postgres://ops@db.example:6543/states?schema=kubedos", address.Location);

        var fromUrl = PostgresAddress.Parse("postgres://alice:p%40ss@[::1]:5433/lab?schema=lab_state", env.GetValueOrDefault);
        Assert.Equal(("::1", 5433, "alice", "lab", "p@ss", "lab_state"), (fromUrl.Connection.Host, fromUrl.Connection.Port, fromUrl.Connection.Username, fromUrl.Connection.Database, fromUrl.Connection.Password, fromUrl.Schema));
        Assert.Throws<StateException>(() => PostgresAddress.Parse("postgres://h/db?schema=Bad-Name", env.GetValueOrDefault));
    }

    [PostgresFact]
    public async Task FirstUse_CreatesTheSchemaAtTheLatestVersion_AndRefusesANewerOne()
    {
        var schema = "v" + Guid.NewGuid().ToString("N");
        var workspace = Open(PostgresTestDatabase.NewBackendUrl(schema), "proj");
        await workspace.CreateStackAsync("dev");
        Assert.Equal([PostgresSchema.Latest.ToString(System.Globalization.CultureInfo.InvariantCulture)], PostgresTestDatabase.Query($"SELECT version FROM {schema}.schema_version"));

        var newer = "n" + Guid.NewGuid().ToString("N");
        PostgresTestDatabase.Query($"CREATE SCHEMA {newer}; CREATE TABLE {newer}.schema_version (version integer NOT NULL); INSERT INTO {newer}.schema_version VALUES (99); SELECT 1");
        var refused = await Assert.ThrowsAsync<StateException>(() => Open(PostgresTestDatabase.NewBackendUrl(newer), "proj").ListStacksAsync());
        Assert.Contains("schema version 99, newer than this kubedos knows", refused.Message, StringComparison.Ordinal);
        PostgresTestDatabase.Query($"DROP SCHEMA {schema} CASCADE; DROP SCHEMA {newer} CASCADE; SELECT 1");
    }

    [PostgresFact]
    public async Task Up_WhileAnotherProcessRunsOne_IsRefusedAtOnce_AndTheKilledProcessLeavesNoLock()
    {
        var url = PostgresTestDatabase.NewBackendUrl();
        var files = Directory.CreateDirectory(Path.Combine(_work, "files")).FullName;
        using var child = StartCrashChild(files, url);
        await WaitForLineAsync(child);

        var stack = CrashScenario.Open(_work, files, 1, TimeSpan.Zero, null, url);
        var refused = await Assert.ThrowsAsync<StackLockedException>(() => stack.UpAsync());
        Assert.Equal(child.Id, refused.Holder!.Pid);
        Assert.Equal("update", refused.Holder.Operation);

        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync();
        for (var i = 0; i < 100 && stack.Workspace.GetStackLockHolder("dev") is not null; i++)
        {
            await Task.Delay(50);
        }

        Assert.Null(stack.Workspace.GetStackLockHolder("dev"));
        await stack.UpAsync(new UpdateOptions { Parallel = 2 });
        Assert.Empty((await stack.GetCheckpointAsync()).PendingOperations);
    }

    [PostgresFact]
    public async Task ExportFromFile_ImportToPostgres_RoundTripsByteIdentical()
    {
        using var t = new TestStack(backend: StateBackends.File, secrets: Engine.Secrets.PassphraseSecretsProvider.Create("p"));
        await t.UpAsync(s => _ = new Group("g", "v"));
        var exported = await t.Stack.ExportAsync();

        var postgres = Workspace.Create(t.Workspace.Options with { BackendUrl = PostgresTestDatabase.NewBackendUrl() });
        var imported = await postgres.CreateStackAsync("dev");
        await imported.ImportAsync(exported);

        Assert.Equal(exported, await imported.ExportAsync());
    }

    private Workspace Open(string url, string project) => Workspace.Create(new WorkspaceOptions
    {
        ProjectName = project,
        WorkDir = _work,
        BackendUrl = url,
        SecretsProvider = _ => null,
        Environment = _ => null,
    });

    private Process StartCrashChild(string files, string url)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { typeof(PostgresBackendTests).Assembly.Location, "crash-child", _work, files, "1", "60000", url })
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    private static async Task WaitForLineAsync(Process child)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var line = await child.StandardOutput.ReadLineAsync(timeout.Token);
        Assert.NotNull(line);
    }
}
