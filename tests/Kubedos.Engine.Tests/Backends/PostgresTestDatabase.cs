using Kubedos.Engine.State.Postgres;
using Kubedos.Testing;
using Npgsql;

namespace Kubedos.Engine.Tests.Backends;

/// <summary>
/// A throwaway database this test process creates on the local PostgreSQL (scripts/postgres-up starts it) and drops when
/// it exits; each test gets its own schema in it. No other database is ever touched.
/// </summary>
/// <remarks><c>KUBEDOS_TEST_POSTGRES</c> names the server (a backend URL; default <c>postgres:///postgres</c>, the Unix socket as this user).</remarks>
public static class PostgresTestDatabase
{
    public const string ServerVariable = "KUBEDOS_TEST_POSTGRES";

    private static readonly Lazy<string?> Missing = new(Probe);
    private static readonly Lazy<NpgsqlConnectionStringBuilder> Database = new(Create);

    /// <summary>Why the postgres tests cannot run here, or null when they can.</summary>
    public static string? MissingReason => Missing.Value;

    /// <summary>Whether the postgres rows of a backend theory run: the server answers, or CI requires them (then a missing server fails them).</summary>
    public static bool ShouldRun => MissingReason is null || LabPrerequisites.Required;

    /// <summary>A backend URL for a fresh schema of the throwaway database.</summary>
    public static string NewBackendUrl(string? schema = null)
    {
        var b = Database.Value;
        var query = $"schema={schema ?? "t" + Guid.NewGuid().ToString("N")}&port={b.Port}" + (b.Password is { } pw ? $"&password={Uri.EscapeDataString(pw)}" : string.Empty);
        return b.Host!.StartsWith('/')
            ? $"postgres://{Uri.EscapeDataString(b.Username!)}@/{b.Database}?host={Uri.EscapeDataString(b.Host)}&{query}"
            : $"postgres://{Uri.EscapeDataString(b.Username!)}@{b.Host}/{b.Database}?{query}";
    }

    /// <summary>Runs <paramref name="sql"/> on the throwaway database and returns the first column of each row as text.</summary>
    public static List<string> Query(string sql)
    {
        using var connection = new NpgsqlConnection(Database.Value.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.IsDBNull(0) ? string.Empty : reader.GetValue(0).ToString()!);
        }

        return rows;
    }

    private static NpgsqlConnectionStringBuilder Server() =>
        PostgresAddress.Parse(Environment.GetEnvironmentVariable(ServerVariable) ?? "postgres:///postgres", Environment.GetEnvironmentVariable).Connection;

    private static string? Probe()
    {
        try
        {
            var server = new NpgsqlConnectionStringBuilder(Server().ConnectionString) { Timeout = 3, Pooling = false };
            using var connection = new NpgsqlConnection(server.ConnectionString);
            connection.Open();
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or Engine.State.StateException or InvalidOperationException)
        {
            return $"needs a PostgreSQL server this user may create databases on (scripts/postgres-up starts one; {ServerVariable} names another): {ex.Message}";
        }
    }

    private static NpgsqlConnectionStringBuilder Create()
    {
        var server = Server();
        SweepOrphans(server);
        var name = $"kubedos_test_{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..8]}";
        Execute(server, $"CREATE DATABASE \"{name}\"");
        Execute(server, $"COMMENT ON DATABASE \"{name}\" IS '{Owner(Environment.ProcessId)}'");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            NpgsqlConnection.ClearAllPools();
            Execute(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        };
        return new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name };
    }

    /// <summary>What a test database's comment says about the process that made it.</summary>
    private static string Owner(int pid) => $"kubedos engine tests: pid {pid} on {Environment.MachineName}";

    /// <summary>
    /// Drops the databases earlier test processes of this host made and could not drop (a test host is sometimes killed
    /// before its exit handlers run): only those whose comment names a process of this host that is gone.
    /// </summary>
    private static void SweepOrphans(NpgsqlConnectionStringBuilder server)
    {
        var orphans = new List<string>();
        using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Pooling = false }.ConnectionString))
        {
            connection.Open();
            using var list = new NpgsqlCommand(
                "SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database WHERE datname LIKE 'kubedos\\_test\\_%'", connection);
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                var name = reader.GetString(0);
                var parts = name.Split('_');
                if (parts.Length == 4 && int.TryParse(parts[2], out var pid) && !reader.IsDBNull(1) && reader.GetString(1) == Owner(pid)
                    && !Directory.Exists($"/proc/{pid}"))
                {
                    orphans.Add(name);
                }
            }
        }

        foreach (var name in orphans)
        {
            Execute(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private static void Execute(NpgsqlConnectionStringBuilder server, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
