using System.Collections;
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kubedos.Spec.Loading;

/// <summary>
/// Binds a YAML node tree onto the ClusterSpec model, strictly: unknown keys, wrong types and
/// missing required fields are all collected (never only the first), each with file:line:col.
/// </summary>
internal sealed class SpecBinder
{
    private readonly string _file;
    private readonly List<SpecDiagnostic> _diagnostics = [];
    private readonly Dictionary<string, SourceLocation> _locations = new(StringComparer.Ordinal);

    public SpecBinder(string file) => _file = file;

    public IReadOnlyList<SpecDiagnostic> Diagnostics => _diagnostics;

    public IReadOnlyDictionary<string, SourceLocation> Locations => _locations;

    /// <summary>Binds <paramref name="node"/> as a <paramref name="type"/> at <paramref name="path"/>.</summary>
    public object? Bind(YamlNode node, Type type, string path)
    {
        var shape = SpecShape.Of(type);
        _locations.TryAdd(path, At(node));
        if (IsNull(node))
        {
            return shape.Kind == SpecShapeKind.Record && !shape.IsNullable ? Activator.CreateInstance(shape.Core) : null;
        }

        return shape.Kind switch
        {
            SpecShapeKind.Record => BindRecord(node, shape, path),
            SpecShapeKind.List => BindList(node, shape, path),
            SpecShapeKind.Map => BindMap(node, shape, path),
            _ => BindScalar(node, shape, path, destructive: false),
        };
    }

    private object? BindRecord(YamlNode node, SpecShape shape, string path)
    {
        if (node is not YamlMappingNode mapping)
        {
            return Fail(node, path, "type-mismatch", $"'{path}' must be a mapping of fields, not {Describe(node)}");
        }

        var record = Activator.CreateInstance(shape.Core)!;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            var field = shape.Fields.FirstOrDefault(f => f.Name == key);
            var fieldPath = SpecPath.Child(path, key);
            if (field is null)
            {
                var hint = Suggest(key, shape.Fields.Select(f => f.Name));
                var where = path.Length == 0 ? "the document" : $"'{path}'";
                Fail(keyNode, fieldPath, "unknown-field",
                    $"unknown field '{key}' in {where}{hint}; known fields: {string.Join(", ", shape.Fields.Select(f => f.Name))}");
                continue;
            }

            seen.Add(key);

            // A field is located at its key: that is the line a person edits, also for nested mappings.
            _locations[fieldPath] = At(keyNode);
            if (IsNull(valueNode))
            {
                continue;
            }

            var fieldShape = SpecShape.Of(field.Property.PropertyType);
            var value = fieldShape.Kind is SpecShapeKind.Record or SpecShapeKind.List or SpecShapeKind.Map
                ? Bind(valueNode, field.Property.PropertyType, fieldPath)
                : BindScalar(valueNode, fieldShape, fieldPath, field.Destructive);
            if (value is not null)
            {
                field.Property.SetValue(record, value);
            }
        }

        foreach (var missing in shape.Fields.Where(f => f.Required && !seen.Contains(f.Name)))
        {
            var where = path.Length == 0 ? "the document" : $"'{path}'";
            Fail(node, SpecPath.Child(path, missing.Name), "required-field", $"{where} needs field '{missing.Name}': {missing.Description}");
        }

        return record;
    }

    private object? BindList(YamlNode node, SpecShape shape, string path)
    {
        if (node is not YamlSequenceNode sequence)
        {
            return Fail(node, path, "type-mismatch", $"'{path}' must be a list, not {Describe(node)}");
        }

        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(shape.Element!))!;
        var index = 0;
        foreach (var item in sequence.Children)
        {
            var value = Bind(item, shape.Element!, SpecPath.Item(path, index++));
            if (value is not null)
            {
                list.Add(value);
            }
        }

        return list;
    }

    private object? BindMap(YamlNode node, SpecShape shape, string path)
    {
        if (node is not YamlMappingNode mapping)
        {
            return Fail(node, path, "type-mismatch", $"'{path}' must be a mapping, not {Describe(node)}");
        }

        var map = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), shape.Element!))!;
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            _locations[SpecPath.Child(path, key)] = At(keyNode);
            if (ControlCharacter(key) is { } control)
            {
                Fail(keyNode, SpecPath.Child(path, key), "control-character",
                    $"a key of '{path}' holds the control character {control}; keys name planes, labels and files, so they are one line of printable characters");
                continue;
            }

            var value = Bind(valueNode, shape.Element!, SpecPath.Child(path, key));
            if (value is not null)
            {
                map[key] = value;
            }
        }

        return map;
    }

    private object? BindScalar(YamlNode node, SpecShape shape, string path, bool destructive)
    {
        if (node is not YamlScalarNode scalar)
        {
            return Fail(node, path, destructive ? "destructive-flag-explicit" : "type-mismatch",
                $"'{path}' must be {Expected(shape)}, not {Describe(node)}");
        }

        var text = scalar.Value ?? string.Empty;
        var plain = scalar.Style is ScalarStyle.Plain or ScalarStyle.Any;
        switch (shape.Kind)
        {
            case SpecShapeKind.String when ControlCharacter(text) is { } control:
                return Fail(node, path, "control-character",
                    $"'{path}' holds the control character {control} (a newline, tab, escape, ...); names, paths and versions reach files and commands, so text fields are one line of printable characters");
            case SpecShapeKind.String:
                return text;
            case SpecShapeKind.Integer when plain && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number):
                return number;
            case SpecShapeKind.Boolean when plain && text is "true" or "false":
                return text == "true";
            case SpecShapeKind.Boolean when destructive:
                return Fail(node, path, "destructive-flag-explicit",
                    $"destructive flag '{path}' must be the literal true or false, not {Describe(node)}; it is never implicitly true");
            case SpecShapeKind.Enum when shape.EnumNames.TryGetValue(text, out var member):
                return member;
            case SpecShapeKind.Enum:
                var hint = Suggest(text, shape.EnumNames.Keys);
                return Fail(node, path, "invalid-value",
                    $"'{path}' is '{text}'{hint}; allowed: {string.Join(", ", shape.EnumNames.Keys)}");
            default:
                return Fail(node, path, "type-mismatch", $"'{path}' must be {Expected(shape)}, not {Describe(node)}");
        }
    }

    private object? Fail(YamlNode node, string path, string rule, string message)
    {
        _diagnostics.Add(new SpecDiagnostic(At(node), rule, message, path));
        return null;
    }

    private SourceLocation At(YamlNode node) => new(_file, (int)node.Start.Line, (int)node.Start.Column);

    /// <summary>The first control character of <paramref name="text"/> as U+XXXX, or null.</summary>
    private static string? ControlCharacter(string text)
    {
        var index = text.AsSpan().IndexOfAnyInRange('\u0000', '\u001f');
        if (index < 0)
        {
            index = text.AsSpan().IndexOfAnyInRange('\u007f', '\u009f');
        }

        return index < 0 ? null : $"U+{(int)text[index]:X4}";
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string Expected(SpecShape shape) => shape.Kind switch
    {
        SpecShapeKind.Integer => "an integer",
        SpecShapeKind.Boolean => "true or false",
        SpecShapeKind.Enum => $"one of {string.Join(", ", shape.EnumNames.Keys)}",
        _ => "a string",
    };

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } s => $"the quoted string '{s.Value}'",
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };

    /// <summary>Names the closest known word when <paramref name="word"/> looks like a typo of it.</summary>
    private static string Suggest(string word, IEnumerable<string> known)
    {
        var best = known
            .Select(k => (Name: k, Distance: EditDistance.Between(word.ToUpperInvariant(), k.ToUpperInvariant())))
            .OrderBy(p => p.Distance)
            .FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, word.Length / 4) ? $" (did you mean '{best.Name}'?)" : string.Empty;
    }
}
