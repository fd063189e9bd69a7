using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Kubedos.Engine.Model;

/// <summary>An immutable, ordinally sorted map of property names to <see cref="PropertyValue"/>s.</summary>
public sealed class PropertyMap : IReadOnlyDictionary<string, PropertyValue>, IEquatable<PropertyMap>
{
    private readonly ImmutableSortedDictionary<string, PropertyValue> _items;

    private PropertyMap(ImmutableSortedDictionary<string, PropertyValue> items) => _items = items;

    /// <summary>The map with no properties.</summary>
    public static PropertyMap Empty { get; } = new(ImmutableSortedDictionary.Create<string, PropertyValue>(StringComparer.Ordinal));

    /// <summary>A map of the given pairs; a later duplicate key wins.</summary>
    public static PropertyMap From(IEnumerable<KeyValuePair<string, PropertyValue>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var builder = ImmutableSortedDictionary.CreateBuilder<string, PropertyValue>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            builder[key] = value ?? PropertyValue.Null;
        }

        return builder.Count == 0 ? Empty : new(builder.ToImmutable());
    }

    /// <summary>A map of the given pairs.</summary>
    public static PropertyMap Of(params (string Key, PropertyValue Value)[] pairs) =>
        From(pairs.Select(p => KeyValuePair.Create(p.Key, p.Value)));

    public PropertyValue this[string key] => _items[key];

    public IEnumerable<string> Keys => _items.Keys;

    public IEnumerable<PropertyValue> Values => _items.Values;

    public int Count => _items.Count;

    /// <summary>True when any value inside is unknown.</summary>
    public bool ContainsUnknowns => _items.Values.Any(v => v.ContainsUnknowns);

    /// <summary>True when any value inside is secret.</summary>
    public bool ContainsSecrets => _items.Values.Any(v => v.ContainsSecrets);

    /// <summary>This map with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    public PropertyMap Set(string key, PropertyValue value) => new(_items.SetItem(key, value ?? PropertyValue.Null));

    /// <summary>This map without <paramref name="key"/>.</summary>
    public PropertyMap Remove(string key) => new(_items.Remove(key));

    /// <summary>The value under <paramref name="key"/>, or null when absent.</summary>
    public PropertyValue? GetOrDefault(string key) => _items.TryGetValue(key, out var v) ? v : null;

    /// <summary>This map with every secret wrapper inside it removed.</summary>
    /// <summary>The keys whose values differ from <paramref name="other"/>'s, comparing plaintexts (a value turning secret alone is no change), in ordinal order.</summary>
    public IReadOnlyList<string> ChangedKeys(PropertyMap other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return [.. Keys.Union(other.Keys, StringComparer.Ordinal)
            .Where(k => !Equals(GetOrDefault(k)?.WithoutSecrets(), other.GetOrDefault(k)?.WithoutSecrets()))
            .Order(StringComparer.Ordinal)];
    }

    public PropertyMap WithoutSecrets() =>
        ContainsSecrets ? From(_items.Select(kv => KeyValuePair.Create(kv.Key, kv.Value.WithoutSecrets()))) : this;

    public bool ContainsKey(string key) => _items.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out PropertyValue value) => _items.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, PropertyValue>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(PropertyMap? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Count != Count)
        {
            return false;
        }

        foreach (var (key, value) in _items)
        {
            if (!other._items.TryGetValue(key, out var theirs) || !value.Equals(theirs))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as PropertyMap);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (key, value) in _items)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    public override string ToString() =>
        "{" + string.Join(", ", _items.Select(kv => kv.Key + ": " + kv.Value)) + "}";
}
