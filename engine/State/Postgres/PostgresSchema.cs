using Npgsql;

namespace Kubedos.Engine.State.Postgres;

/// <summary>The backend's tables, created and migrated by version on first use; concurrent first users wait for one another.</summary>
/// <remarks>
/// <c>stacks</c> holds one snapshot per (project, stack) with a version for optimistic concurrency; <c>journal</c> the
/// running operation's entries (one row per batch of steps: O(changes) per step); <c>history</c> the updates;
/// <c>locks</c> who holds each stack's session advisory lock.
/// </remarks>
internal static class PostgresSchema
{
    /// <summary>Migration N (1-based) takes the schema from version N-1 to N; applied in order, each in the one transaction.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE {0}.stacks (
            project text NOT NULL,
            stack text NOT NULL,
            version bigint NOT NULL,
            snapshot bytea NOT NULL,
            updated timestamptz NOT NULL,
            PRIMARY KEY (project, stack));
        CREATE TABLE {0}.journal (
            id bigserial PRIMARY KEY,
            project text NOT NULL,
            stack text NOT NULL,
            entry bytea NOT NULL,
            FOREIGN KEY (project, stack) REFERENCES {0}.stacks (project, stack) ON DELETE CASCADE);
        CREATE INDEX journal_stack ON {0}.journal (project, stack, id);
        CREATE TABLE {0}.history (
            id bigserial PRIMARY KEY,
            project text NOT NULL,
            stack text NOT NULL,
            start_time timestamptz NOT NULL,
            entry jsonb NOT NULL);
        CREATE INDEX history_stack ON {0}.history (project, stack, start_time);
        CREATE TABLE {0}.locks (
            project text NOT NULL,
            stack text NOT NULL,
            holder jsonb NOT NULL,
            backend_pid integer NOT NULL,
            PRIMARY KEY (project, stack));
        """,
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int Latest => Migrations.Length;

    /// <summary>Creates or migrates <paramref name="schema"/> to <see cref="Latest"/>; returns the version found before.</summary>
    /// <exception cref="StateException">The schema is newer than this build knows.</exception>
    public static int Ensure(NpgsqlConnection connection, string schema, string location)
    {
        var quoted = Quote(schema);
        using var tx = connection.BeginTransaction();

        // One migrator at a time per schema, across processes; the lock goes with the transaction.
        Execute(connection, tx, "SELECT pg_advisory_xact_lock(hashtextextended('kubedos schema ' || @schema, 0))", ("schema", schema));
        Execute(connection, tx, $"CREATE SCHEMA IF NOT EXISTS {quoted}");
        Execute(connection, tx, $"CREATE TABLE IF NOT EXISTS {quoted}.schema_version (version integer NOT NULL)");
        using var read = new NpgsqlCommand($"SELECT max(version) FROM {quoted}.schema_version", connection, tx);
        var found = read.ExecuteScalar() is int v ? v : 0;
        if (found > Latest)
        {
            throw new StateException(
                $"the state at {location} has schema version {found}, newer than this kubedos knows ({Latest}): use the kubedos that wrote it, or a newer one");
        }

        for (var version = found + 1; version <= Latest; version++)
        {
            Execute(connection, tx, string.Format(System.Globalization.CultureInfo.InvariantCulture, Migrations[version - 1], quoted));
        }

        if (found < Latest)
        {
            Execute(connection, tx, $"DELETE FROM {quoted}.schema_version");
            Execute(connection, tx, $"INSERT INTO {quoted}.schema_version (version) VALUES (@v)", ("v", Latest));
        }

        tx.Commit();
        return found;
    }

    /// <summary>The schema name as an SQL identifier (it is checked to be a plain name when the URL is read).</summary>
    public static string Quote(string schema) => "\"" + schema.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = new NpgsqlCommand(sql, connection, tx);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}
