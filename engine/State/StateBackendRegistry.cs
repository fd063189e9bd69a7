using System.Collections.Frozen;
using Kubedos.Engine.State.Memory;
using Kubedos.Engine.State.Postgres;

namespace Kubedos.Engine.State;

/// <summary>The one place a backend URL's scheme chooses a state backend: <c>file://</c> (the default), <c>postgres://</c>, <c>memory://</c>.</summary>
internal static class StateBackendRegistry
{
    /// <summary>The backend used when none is configured: <c>.kubedos/</c> in the project directory.</summary>
    public const string DefaultUrl = "file://.kubedos";

    private static readonly FrozenDictionary<string, Func<StateBackendRequest, ICheckpointStore>> Backends =
        new Dictionary<string, Func<StateBackendRequest, ICheckpointStore>>(StringComparer.Ordinal)
        {
            ["file"] = r => FileCheckpointStore.Open(r.Url, r.WorkDir, r.Time),
            ["postgres"] = r => PostgresCheckpointStore.Open(r.Url, r.Environment, r.Time),
            ["postgresql"] = r => PostgresCheckpointStore.Open(r.Url, r.Environment, r.Time),
            ["memory"] = r => InMemoryCheckpointStore.Named(r.Url, r.Time),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The schemes a backend URL may have.</summary>
    public static IEnumerable<string> Schemes => Backends.Keys.Order(StringComparer.Ordinal);

    /// <summary>Opens the backend <paramref name="url"/> names; blank means <see cref="DefaultUrl"/>, a URL without a scheme is a file path.</summary>
    /// <exception cref="StateException">The scheme is unknown, or the URL is malformed for its backend; the message never carries a password.</exception>
    public static ICheckpointStore Open(string? url, string workDir, TimeProvider time, Func<string, string?> environment)
    {
        url = string.IsNullOrWhiteSpace(url) ? DefaultUrl : url.Trim();
        var end = url.IndexOf("://", StringComparison.Ordinal);
        var scheme = end < 0 ? "file" : url[..end].ToLowerInvariant();
        if (!Backends.TryGetValue(scheme, out var open))
        {
            throw new StateException(
                $"backend '{WithoutPassword(url)}' is not supported: use {string.Join(", ", Schemes.Select(s => s + "://"))} (or a plain path for file://)");
        }

        return open(new StateBackendRequest(url, workDir, time, environment));
    }

    /// <summary>The URL with any password in its user part replaced by <c>***</c>.</summary>
    public static string WithoutPassword(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal);
        if (start < 0)
        {
            return url;
        }

        var authorityEnd = url.IndexOfAny(['/', '?'], start + 3);
        var authority = authorityEnd < 0 ? url[(start + 3)..] : url[(start + 3)..authorityEnd];
        var at = authority.LastIndexOf('@');
        var colon = at < 0 ? -1 : authority.IndexOf(':');
        if (colon < 0 || colon > at)
        {
            return url;
        }

        return url[..(start + 3)] + authority[..colon] + ":***" + authority[at..] + (authorityEnd < 0 ? string.Empty : url[authorityEnd..]);
    }
}
