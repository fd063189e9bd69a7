using Kubedos.Engine.State;
using Kubedos.Engine.State.Memory;
using Kubedos.Engine.State.Postgres;

namespace Kubedos.Engine.Tests.Backends;

/// <summary>A fresh, empty checkpoint store of one backend kind, for the store's contract tests; removed again on dispose.</summary>
internal sealed class StoreUnderTest : IDisposable
{
    private readonly string? _dir;
    private readonly string? _schema;

    public StoreUnderTest(string backend)
    {
        switch (backend)
        {
            case StateBackends.File:
                _dir = Directory.CreateTempSubdirectory("kubedos-store-").FullName;
                Store = new FileCheckpointStore(_dir, TimeProvider.System);
                break;
            case StateBackends.Memory:
                Store = InMemoryCheckpointStore.Named($"memory://{Guid.NewGuid():N}", TimeProvider.System);
                break;
            default:
                _schema = "s" + Guid.NewGuid().ToString("N");
                Store = PostgresCheckpointStore.Open(PostgresTestDatabase.NewBackendUrl(_schema), _ => null, TimeProvider.System);
                break;
        }
    }

    public ICheckpointStore Store { get; }

    public void Dispose()
    {
        if (_dir is not null)
        {
            Directory.Delete(_dir, recursive: true);
        }

        if (_schema is not null)
        {
            PostgresTestDatabase.Query($"DROP SCHEMA IF EXISTS {_schema} CASCADE");
        }
    }
}
