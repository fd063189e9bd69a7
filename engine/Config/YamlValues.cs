using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kubedos.Engine.State;
using Kubedos.Input;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kubedos.Engine.Config;

/// <summary>Conversions between YAML nodes and JSON values, and reading/writing whole YAML files, for the project and stack files.</summary>
internal static partial class YamlValues
{
    /// <summary>Loads the single mapping document of <paramref name="path"/>; an empty file is an empty mapping.</summary>
    internal static YamlMappingNode LoadMapping(string path)
    {
        YamlStream stream;
        try
        {
            stream = YamlInput.LoadFile(path);
        }
        catch (InputFileException e)
        {
            throw new ConfigException(path, e.Line, null, e.Problem, e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return [];
        }

        return stream.Documents[0].RootNode as YamlMappingNode
            ?? throw new ConfigException(path, Line(stream.Documents[0].RootNode), null, "expected a mapping at the top level");
    }

    /// <summary>Writes <paramref name="root"/> to <paramref name="path"/> atomically and durably (temp file, fsync, rename, fsync of the directory).</summary>
    internal static void SaveMapping(YamlMappingNode root, string path)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(writer, new EmitterSettings().WithBestIndent(2).WithIndentedSequences());
        new YamlStream(new YamlDocument(root)).Save(emitter, assignAnchors: false);

        // The emitter closes the implicit document with "..."; Pulumi's files do not have it.
        var text = writer.ToString();
        if (text.EndsWith("...\n", StringComparison.Ordinal))
        {
            text = text[..^4];
        }

        DurableFileSystem.Instance.WriteAtomically(path, Encoding.UTF8.GetBytes(text));
    }

    internal static int? Line(YamlNode node) => node.Start.Line > 0 ? (int)node.Start.Line : null;

    internal static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/>, in place when present, else before the first of <paramref name="before"/> (or at the end); null removes it.</summary>
    internal static YamlMappingNode With(YamlMappingNode mapping, string key, YamlNode? value, params string[] before)
    {
        var result = new YamlMappingNode();
        var keyNode = new YamlScalarNode(key);
        var present = mapping.Children.ContainsKey(keyNode);
        var placed = present || value is null;
        foreach (var (k, v) in mapping.Children)
        {
            var name = (k as YamlScalarNode)?.Value;
            if (!placed && name is not null && before.Contains(name))
            {
                result.Add(keyNode, value!);
                placed = true;
            }

            if (name == key)
            {
                if (value is not null)
                {
                    result.Add(k, value);
                }

                continue;
            }

            result.Add(k, v);
        }

        if (!placed)
        {
            result.Add(keyNode, value!);
        }

        return result;
    }

    /// <summary>A YAML node as JSON: plain scalars that read as numbers, booleans or null keep those types.</summary>
    internal static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(
            p => KeyValuePair.Create(((YamlScalarNode)p.Key).Value ?? string.Empty, ToJson(p.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => ScalarToJson(scalar),
        _ => null,
    };

    /// <summary>A JSON value as a YAML node; strings that would read back as another type are quoted.</summary>
    internal static YamlNode FromJson(JsonNode? node) => node switch
    {
        JsonObject obj => new YamlMappingNode(obj.Select(
            p => KeyValuePair.Create<YamlNode, YamlNode>(Scalar(p.Key), FromJson(p.Value)))),
        JsonArray array => new YamlSequenceNode(array.Select(FromJson)),
        null => new YamlScalarNode("null") { Style = ScalarStyle.Plain },
        JsonValue value when value.TryGetValue<string>(out var text) => Scalar(text),
        JsonValue value => new YamlScalarNode(value.ToJsonString()) { Style = ScalarStyle.Plain },
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    /// <summary>A string scalar, plain when that reads back as the same string, else double-quoted.</summary>
    internal static YamlScalarNode Scalar(string text) =>
        new(text) { Style = SafePlain().IsMatch(text) && !ReadsAsOtherType(text) ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted };

    private static JsonNode? ScalarToJson(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "null" or "~" or "" => null,
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
            _ when Number().IsMatch(text) => JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(text),
        };
    }

    private static bool ReadsAsOtherType(string text) =>
        text is "null" or "Null" or "NULL" or "~" or "true" or "True" or "TRUE" or "false" or "False" or "FALSE"
            or "yes" or "Yes" or "no" or "No" or "on" or "On" or "off" or "Off" or "y" or "n"
        || Number().IsMatch(text)
        || text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
        || text.StartsWith("0o", StringComparison.OrdinalIgnoreCase);

    // Conservative: anything else is double-quoted, which always reads back as the same string.
    [GeneratedRegex(@"^(?!.*:\z)(?!.*: )[A-Za-z0-9_./@$-][A-Za-z0-9_./@$=+,():-]*(?: [A-Za-z0-9_./@$=+,()-][A-Za-z0-9_./@$=+,():-]*)*\z")]
    private static partial Regex SafePlain();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\z|^[-+]?\.(inf|Inf|INF)\z|^\.(nan|NaN|NAN)\z")]
    private static partial Regex Number();
}
