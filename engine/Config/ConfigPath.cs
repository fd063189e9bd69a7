using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Kubedos.Engine.Config;

/// <summary>
/// A <c>config --path</c> key in Pulumi's property-path syntax: the config key, then <c>.name</c>, <c>[0]</c> or
/// <c>["quoted.key"]</c> segments into its structured value (<c>aws:tags.Name</c>, <c>names[0]</c>, <c>a["b.c"][1].d</c>).
/// </summary>
public sealed record ConfigPath
{
    private ConfigPath(string text, ConfigKey key, ImmutableArray<ConfigPathSegment> segments)
    {
        Text = text;
        Key = key;
        Segments = segments;
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>The config key (the first segment).</summary>
    public ConfigKey Key { get; }

    /// <summary>The segments below the key; empty when the path is just a key.</summary>
    public ImmutableArray<ConfigPathSegment> Segments { get; }

    /// <summary>Parses <paramref name="text"/>; the key's namespace defaults to <paramref name="defaultNamespace"/>.</summary>
    /// <exception cref="ConfigException">The path is malformed; names it and where.</exception>
    public static ConfigPath Parse(string text, string defaultNamespace)
    {
        ArgumentNullException.ThrowIfNull(text);
        var segments = new List<ConfigPathSegment>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    var (name, end) = Quoted(text, i + 2);
                    if (end >= text.Length || text[end] != ']')
                    {
                        throw Malformed(text, end, "expected ']' after a quoted key");
                    }

                    segments.Add(ConfigPathSegment.Of(name));
                    i = end + 1;
                }
                else if (close > i + 1 && int.TryParse(text.AsSpan(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    segments.Add(ConfigPathSegment.Of(index));
                    i = close + 1;
                }
                else
                {
                    throw Malformed(text, i, "'[' must hold an array index (0, 1, ...) or a quoted key (\"a.b\")");
                }
            }
            else
            {
                if (segments.Count > 0)
                {
                    if (text[i] != '.')
                    {
                        throw Malformed(text, i, "expected '.', '[' or the end");
                    }

                    i++;
                }

                var start = i;
                while (i < text.Length && text[i] is not '.' and not '[')
                {
                    i++;
                }

                if (i == start)
                {
                    throw Malformed(text, start, "empty name");
                }

                segments.Add(ConfigPathSegment.Of(text[start..i]));
            }
        }

        if (segments.Count == 0 || segments[0].Name is not { } keyText)
        {
            throw new ConfigException(null, null, text, "the first segment of a config path must be the key (<namespace>:<name> or <name>)");
        }

        return new ConfigPath(text, ConfigKey.Parse(keyText, defaultNamespace), [.. segments.Skip(1)]);
    }

    /// <summary>The value at the path below <paramref name="root"/>, or false when any segment is missing.</summary>
    public bool TryGet(JsonNode? root, out JsonNode? value)
    {
        value = root;
        foreach (var segment in Segments)
        {
            switch (value)
            {
                case JsonObject obj when segment.Name is { } name && obj.TryGetPropertyValue(name, out var child):
                    value = child;
                    break;
                case JsonArray array when segment.Name is null && segment.Index < array.Count:
                    value = array[segment.Index];
                    break;
                default:
                    value = null;
                    return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A copy of <paramref name="root"/> (null: nothing yet) with <paramref name="leaf"/> at the path, creating objects and
    /// lists on the way; an index may be at most the list's length (which appends).
    /// </summary>
    /// <exception cref="ConfigException">A segment does not fit what is there (a name into a list, an index past the end, into a scalar).</exception>
    public JsonNode Set(JsonNode? root, JsonNode? leaf)
    {
        if (Segments.IsEmpty)
        {
            throw new InvalidOperationException($"'{Text}' names a whole key: set it without a path");
        }

        var copy = root?.DeepClone() ?? Container(Segments[0]);
        var node = copy;
        for (var s = 0; s < Segments.Length; s++)
        {
            var segment = Segments[s];
            var last = s == Segments.Length - 1;
            var value = last ? leaf : null;
            switch (node)
            {
                case JsonObject obj when segment.Name is { } name:
                    if (last)
                    {
                        obj[name] = value;
                    }
                    else
                    {
                        var child = Descend(obj[name], s);
                        if (child.Parent is null)
                        {
                            obj[name] = child;
                        }

                        node = child;
                    }

                    break;
                case JsonArray array when segment.Name is null:
                    if (segment.Index > array.Count)
                    {
                        throw Mismatch(s, $"index {segment.Index} is past the end of the list ({array.Count} item(s)); the next index is {array.Count}");
                    }

                    var item = last ? value : Descend(segment.Index < array.Count ? array[segment.Index] : null, s);
                    if (segment.Index == array.Count)
                    {
                        array.Add(item);
                    }
                    else if (item is null || item.Parent is null)
                    {
                        array[segment.Index] = item;
                    }

                    if (!last)
                    {
                        node = item!;
                    }

                    break;
                default:
                    throw Mismatch(s, $"{(segment.Name is null ? "an index" : "a name")} cannot go into {Describe(node)}");
            }
        }

        return copy;
    }

    /// <summary>A copy of <paramref name="root"/> without the value at the path; false (and <paramref name="root"/>) when it is not there.</summary>
    public (JsonNode? Root, bool Removed) Remove(JsonNode? root)
    {
        if (Segments.IsEmpty)
        {
            throw new InvalidOperationException($"'{Text}' names a whole key: remove it without a path");
        }

        var copy = root?.DeepClone();
        var parentPath = new ConfigPath(Text, Key, Segments[..^1]);
        if (!parentPath.TryGet(copy, out var parent))
        {
            return (root, false);
        }

        var last = Segments[^1];
        switch (parent)
        {
            case JsonObject obj when last.Name is { } name && obj.ContainsKey(name):
                obj.Remove(name);
                return (copy, true);
            case JsonArray array when last.Name is null && last.Index < array.Count:
                array.RemoveAt(last.Index);
                return (copy, true);
            default:
                return (root, false);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private JsonNode Descend(JsonNode? existing, int s) => existing switch
    {
        null => Container(Segments[s + 1]),
        JsonObject or JsonArray => existing,
        _ when ConfigValue.IsSecureObject(existing) => throw Mismatch(s, "the value there is a secret, not an object or list"),
        _ => throw Mismatch(s + 1, $"{(Segments[s + 1].Name is null ? "an index" : "a name")} cannot go into {Describe(existing)}"),
    };

    private static JsonNode Container(ConfigPathSegment next) => next.Name is null ? new JsonArray() : new JsonObject();

    private ConfigException Mismatch(int segment, string problem) =>
        new(null, null, Key.ToString(), $"path '{Text}', segment {segment + 2} ({Segments[segment]}): {problem}");

    private static string Describe(JsonNode? node) => node switch
    {
        JsonObject => "an object",
        JsonArray => "a list",
        null => "null",
        _ => $"the value {node.ToJsonString()}",
    };

    private static (string Name, int End) Quoted(string text, int start)
    {
        var name = new StringBuilder();
        var i = start;
        while (i < text.Length && text[i] != '"')
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
            }

            name.Append(text[i]);
            i++;
        }

        if (i >= text.Length)
        {
            throw Malformed(text, start - 1, "unterminated quoted key");
        }

        return (name.ToString(), i + 1);
    }

    private static ConfigException Malformed(string text, int at, string problem) =>
        new(null, null, text, $"not a config path at column {at + 1}: {problem} (paths read like a.b[0].c or a[\"b.c\"])");
}
