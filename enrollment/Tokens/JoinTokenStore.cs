using System.Text.Json;
using Kubedos.Pki;

namespace Kubedos.Enrollment.Tokens;

/// <summary>The service's join tokens, one-time and per node, kept in a JSON file readable only by its owner.</summary>
public sealed class JoinTokenStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly string? _path;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, IssuedJoinToken> _tokens;

    private JoinTokenStore(string? path, Dictionary<string, IssuedJoinToken> tokens)
    {
        _path = path;
        _tokens = tokens;
    }

    /// <summary>A store that lives only in memory.</summary>
    public static JoinTokenStore InMemory() => new(null, new(StringComparer.Ordinal));

    /// <summary>Opens (or starts) the store at <paramref name="path"/>.</summary>
    public static JoinTokenStore Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var tokens = File.Exists(path)
            ? JsonSerializer.Deserialize<List<IssuedJoinToken>>(File.ReadAllText(path), Json) ?? []
            : [];
        return new JoinTokenStore(path, tokens.ToDictionary(t => t.Id, StringComparer.Ordinal));
    }

    /// <summary>Mints a token for <paramref name="node"/>.</summary>
    public JoinToken Issue(string node, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        lock (_lock)
        {
            JoinToken token;
            do
            {
                token = JoinToken.Generate();
            }
            while (_tokens.ContainsKey(token.Id));

            _tokens[token.Id] = new IssuedJoinToken(token.Id, token.Secret, node, now, null);
            Save();
            return token;
        }
    }

    /// <summary>The token with this id, or null.</summary>
    public IssuedJoinToken? Find(string id)
    {
        lock (_lock)
        {
            return _tokens.GetValueOrDefault(id);
        }
    }

    /// <summary>Spends the token; false when it was already spent (a concurrent use lost the race).</summary>
    public bool TryConsume(string id, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!_tokens.TryGetValue(id, out var token) || token.UsedAt is not null)
            {
                return false;
            }

            _tokens[id] = token with { UsedAt = now };
            Save();
            return true;
        }
    }

    private void Save()
    {
        if (_path is null)
        {
            return;
        }

        OwnerOnlyFile.Replace(_path, JsonSerializer.SerializeToUtf8Bytes(_tokens.Values.OrderBy(t => t.IssuedAt).ToList(), Json), OwnerOnlyFile.OwnerOnly);
    }
}
