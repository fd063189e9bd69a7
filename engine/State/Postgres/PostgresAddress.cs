using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Kubedos.Engine.State.Postgres;

/// <summary>
/// A <c>postgres://user:password@host:port/database?schema=kubedos</c> URL read into a connection: what the URL leaves
/// out comes from libpq's variables (<c>PGHOST</c>, <c>PGPORT</c>, <c>PGDATABASE</c>, <c>PGUSER</c>, <c>PGPASSWORD</c>,
/// <c>PGSSLMODE</c>), then libpq's defaults (the Unix socket, the user's own name).
/// </summary>
/// <remarks>Query parameters: <c>host</c> (a socket directory), <c>port</c>, <c>user</c>, <c>password</c>, <c>sslmode</c>, <c>schema</c>.</remarks>
internal sealed partial record PostgresAddress(NpgsqlConnectionStringBuilder Connection, string Schema)
{
    public const string DefaultSchema = "kubedos";

    private static readonly string[] SocketDirectories = ["/var/run/postgresql", "/run/postgresql", "/tmp"];

    /// <summary>Where the state is, fit to print: the URL without its password.</summary>
    public string Location => Connection.Host!.StartsWith('/')
        ? $"postgres://{Connection.Username}@/{Connection.Database}?host={Connection.Host}&schema={Schema}"
        : $"postgres://{Connection.Username}@{(Connection.Host.Contains(':', StringComparison.Ordinal) ? $"[{Connection.Host}]" : Connection.Host)}:{Connection.Port}/{Connection.Database}?schema={Schema}";

    /// <exception cref="StateException">The URL is malformed; the message never carries its password.</exception>
    public static PostgresAddress Parse(string url, Func<string, string?> environment)
    {
        var printable = StateBackendRegistry.WithoutPassword(url);
        var rest = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        var q = rest.IndexOf('?');
        if (q >= 0)
        {
            foreach (var pair in rest[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0)
                {
                    throw new StateException($"backend '{printable}': query parameter '{pair.Split('=')[0]}' has no value (write name=value)");
                }

                query[Uri.UnescapeDataString(pair[..eq])] = Uri.UnescapeDataString(pair[(eq + 1)..]);
            }

            rest = rest[..q];
        }

        var slash = rest.IndexOf('/');
        var authority = slash < 0 ? rest : rest[..slash];
        var database = slash < 0 ? string.Empty : Uri.UnescapeDataString(rest[(slash + 1)..]);
        string? user = null, password = null, host = null, port = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            var colon = userInfo.IndexOf(':');
            user = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(userInfo[(colon + 1)..]);
            authority = authority[(at + 1)..];
        }

        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']');
            host = close < 0 ? throw new StateException($"backend '{printable}': the IPv6 host has no closing ']'") : authority[1..close];
            port = authority.Length > close + 2 && authority[close + 1] == ':' ? authority[(close + 2)..] : null;
        }
        else if (authority.Length > 0)
        {
            var colon = authority.LastIndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
            port = colon < 0 ? null : authority[(colon + 1)..];
        }

        foreach (var key in query.Keys.Where(k => k is not ("host" or "port" or "user" or "password" or "sslmode" or "schema")))
        {
            throw new StateException($"backend '{printable}': unknown query parameter '{key}' (known: host, port, user, password, sslmode, schema)");
        }

        string? Pick(string? fromUrl, string parameter, string variable) =>
            NonEmpty(fromUrl) ?? NonEmpty(query.GetValueOrDefault(parameter)) ?? NonEmpty(environment(variable));

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = Pick(host, "host", "PGHOST") ?? SocketDirectories.FirstOrDefault(Directory.Exists) ?? "localhost",
            Username = Pick(user, "user", "PGUSER") ?? Environment.UserName,
            ApplicationName = "kubedos",
        };
        builder.Database = Pick(database, "database", "PGDATABASE") ?? builder.Username;
        var portText = Pick(port, "port", "PGPORT") ?? "5432";
        builder.Port = int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536
            ? p
            : throw new StateException($"backend '{printable}': port '{portText}' is not a TCP port (1-65535)");
        if (Pick(password, "password", "PGPASSWORD") is { } secret)
        {
            builder.Password = secret;
        }

        if (Pick(null, "sslmode", "PGSSLMODE") is { } sslMode)
        {
            builder.SslMode = Enum.TryParse<SslMode>(sslMode.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var mode)
                ? mode
                : throw new StateException($"backend '{printable}': sslmode '{sslMode}' is not one of disable, allow, prefer, require, verify-ca, verify-full");
        }

        var schema = query.GetValueOrDefault("schema") ?? DefaultSchema;
        if (!SchemaName().IsMatch(schema))
        {
            throw new StateException($"backend '{printable}': schema '{schema}' is not a plain lower-case SQL name ([a-z_][a-z0-9_]*, at most 63 characters)");
        }

        return new PostgresAddress(builder, schema);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    [GeneratedRegex(@"^[a-z_][a-z0-9_]{0,62}\z")]
    private static partial Regex SchemaName();
}
