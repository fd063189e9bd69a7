using Npgsql;

namespace Kubedos.Bench.Engine;

/// <summary>A throwaway database the benchmark creates on the local PostgreSQL (scripts/postgres-up) and drops when done; no other is touched.</summary>
/// <remarks><c>KUBEDOS_BENCH_POSTGRES</c> names the server as an Npgsql connection string (default: the Unix socket, as this user).</remarks>
internal sealed class BenchDatabase : IDisposable
{
    private readonly NpgsqlConnectionStringBuilder _server;
    private readonly string _name;
    private int _schemas;

    private BenchDatabase(NpgsqlConnectionStringBuilder server, string name)
    {
        _server = server;
        _name = name;
    }

    /// <summary>Why no database could be made, when <see cref="TryCreate"/> returned null.</summary>
    public static string? MissingReason { get; private set; }

    public string Location => $"database {_name} on {_server.Host}";

    public static BenchDatabase? TryCreate()
    {
        try
        {
            var server = new NpgsqlConnectionStringBuilder(
                Environment.GetEnvironmentVariable("KUBEDOS_BENCH_POSTGRES") ?? $"Host=/var/run/postgresql;Database=postgres;Username={Environment.UserName}")
            { Pooling = false };
            var name = $"kubedos_bench_{Environment.ProcessId}";
            Execute(server, $"CREATE DATABASE \"{name}\"");
            return new BenchDatabase(server, name);
        }
        catch (NpgsqlException ex)
        {
            MissingReason = $"no PostgreSQL server to create a database on (scripts/postgres-up starts one): {ex.Message}";
            return null;
        }
    }

    /// <summary>A backend URL for a fresh schema of the database.</summary>
    public string NewBackendUrl()
    {
        var schema = $"bench{++_schemas}";
        return _server.Host!.StartsWith('/')
            ? $"postgres://{_server.Username}@/{_name}?host={_server.Host}&port={_server.Port}&schema={schema}"
            : $"postgres://{_server.Username}@{_server.Host}:{_server.Port}/{_name}?schema={schema}";
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Execute(_server, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private static void Execute(NpgsqlConnectionStringBuilder server, string sql)
    {
        using var connection = new NpgsqlConnection(server.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
