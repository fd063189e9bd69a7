using System.Collections.Concurrent;
using Npgsql;

namespace Kubedos.Engine.State.Postgres;

/// <summary>Connections to one backend schema: pooled ones for state reads and writes, unpooled sessions for locks; the schema ensured on first use.</summary>
/// <remarks>
/// Pools are shared by every store of the process on the same connection string, so many workspaces (a test run) hold a
/// few connections, not a few each. A lock's session is never pooled: the lock must end when its connection closes.
/// Database errors become <see cref="StateException"/>s naming <see cref="Location"/>, which never carries the password.
/// </remarks>
internal sealed class PostgresDatabase
{
    private static readonly ConcurrentDictionary<string, NpgsqlDataSource> Pools = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<int>> Ensured = new(StringComparer.Ordinal);

    private readonly NpgsqlDataSource _pool;
    private readonly string _sessionConnection;

    public PostgresDatabase(PostgresAddress address)
    {
        Address = address;
        Location = address.Location;
        Schema = PostgresSchema.Quote(address.Schema);
        var pooled = address.Connection.ConnectionString;
        _pool = Pools.GetOrAdd(pooled, NpgsqlDataSource.Create);
        _sessionConnection = new NpgsqlConnectionStringBuilder(pooled) { Pooling = false }.ConnectionString;
    }

    public PostgresAddress Address { get; }

    public string Location { get; }

    /// <summary>The quoted schema, to prefix table names with.</summary>
    public string Schema { get; }

    /// <summary>Runs <paramref name="work"/> on a pooled connection to the ensured schema.</summary>
    public T Run<T>(Func<NpgsqlConnection, T> work)
    {
        try
        {
            using var connection = _pool.OpenConnection();
            EnsureSchema(connection);
            return work(connection);
        }
        catch (NpgsqlException ex)
        {
            throw Failure(ex);
        }
    }

    /// <summary>A pooled connection to the ensured schema, for a caller that keeps it a while (and disposes it).</summary>
    public NpgsqlConnection Open()
    {
        var connection = _pool.CreateConnection();
        try
        {
            connection.Open();
            EnsureSchema(connection);
            return connection;
        }
        catch (NpgsqlException ex)
        {
            connection.Dispose();
            throw Failure(ex);
        }
    }

    /// <summary>Runs <paramref name="work"/>, turning database errors into <see cref="StateException"/>s that name the backend.</summary>
    public T Guard<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (NpgsqlException ex)
        {
            throw Failure(ex);
        }
    }

    /// <summary>An unpooled connection to the ensured schema: its session ends (and its advisory locks with it) when it closes or its process dies.</summary>
    public NpgsqlConnection OpenSession()
    {
        var session = new NpgsqlConnection(_sessionConnection);
        try
        {
            session.Open();
            EnsureSchema(session);
            return session;
        }
        catch (NpgsqlException ex)
        {
            session.Dispose();
            throw Failure(ex);
        }
    }

    public StateException Failure(NpgsqlException ex) => new($"postgres backend {Location}: {ex.Message}", ex);

    private void EnsureSchema(NpgsqlConnection connection)
    {
        var key = Address.Connection.ConnectionString + "\n" + Address.Schema;
        var ensured = Ensured.GetOrAdd(key, _ => new Lazy<int>(() => PostgresSchema.Ensure(connection, Address.Schema, Location)));
        try
        {
            _ = ensured.Value;
        }
        catch
        {
            // A failed attempt (server down, no permission) is tried again next time, not remembered.
            Ensured.TryRemove(new KeyValuePair<string, Lazy<int>>(key, ensured));
            throw;
        }
    }
}
