using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Kubedos.Input;

/// <summary>
/// Reads every YAML file the program is handed (Pulumi.yaml, Pulumi.&lt;stack&gt;.yaml, the
/// ClusterSpec) with the same limits: regular files only, a size cap, strict UTF-8, bounded
/// nesting and bounded alias expansion. Faults are <see cref="InputFileException"/>s at their line.
/// </summary>
/// <remarks>
/// The limits are checked on the parser's event stream before a node tree is built: the tree
/// builder recurses once per level (20,000 nested flow mappings overflow the stack), and an alias
/// shares its node, so every later walk over the tree (binding, JSON conversion) visits it again.
/// </remarks>
public static class YamlInput
{
    /// <summary>Largest YAML file read: a ClusterSpec of 10,000 nodes is well under this.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>Deepest nesting of mappings and sequences accepted.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most nodes all aliases together may stand for (each counted with what it contains).</summary>
    public const long MaxAliasNodes = 100_000;

    /// <summary>Reads and parses <paramref name="path"/>.</summary>
    /// <exception cref="InputFileException">Any fault of the file, its encoding or its YAML.</exception>
    public static YamlStream LoadFile(string path) =>
        Load(path, Utf8Text.Decode(path, RegularFile.ReadAtMost(path, MaxBytes)));

    /// <summary>Parses <paramref name="text"/>; <paramref name="file"/> names it in faults.</summary>
    /// <exception cref="InputFileException">Malformed YAML, nesting deeper than <see cref="MaxDepth"/>, or aliases expanding past <see cref="MaxAliasNodes"/>.</exception>
    public static YamlStream Load(string file, string text)
    {
        try
        {
            CheckLimits(file, text);
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream;
        }
        catch (YamlException e)
        {
            var (line, column) = Locate(e, text);
            var reason = (e.InnerException?.Message ?? e.Message).Split('\n')[0];
            throw new InputFileException(file, line, column, "yaml-syntax", $"malformed YAML: {reason}", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner gives up this way on some truncated documents (an unclosed flow collection at end of file).
            var lines = text.TrimEnd().Split('\n');
            throw new InputFileException(file, lines.Length, lines[^1].Length + 1, "yaml-syntax",
                "malformed YAML: the document ends inside an unclosed [ ] or { } collection", e);
        }
    }

    private static void CheckLimits(string file, string text)
    {
        var parser = new Parser(new StringReader(text));
        var open = new Stack<(AnchorName Anchor, long NodesBefore)>();
        var anchors = new Dictionary<AnchorName, long>();
        long nodes = 0;
        long aliased = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart or SequenceStart:
                    var start = (NodeEvent)parser.Current;
                    if (open.Count == MaxDepth)
                    {
                        throw new InputFileException(file, (int)start.Start.Line, (int)start.Start.Column, "yaml-nesting-depth",
                            $"mappings and lists are nested more than {MaxDepth} deep");
                    }

                    open.Push((start.Anchor, nodes));
                    nodes++;
                    if (!start.Anchor.IsEmpty)
                    {
                        anchors[start.Anchor] = -1;
                    }

                    break;
                case MappingEnd or SequenceEnd:
                    var (anchor, before) = open.Pop();
                    if (!anchor.IsEmpty)
                    {
                        anchors[anchor] = nodes - before;
                    }

                    break;
                case Scalar scalar:
                    nodes++;
                    if (!scalar.Anchor.IsEmpty)
                    {
                        anchors[scalar.Anchor] = 1;
                    }

                    break;
                case AnchorAlias alias when anchors.TryGetValue(alias.Value, out var size):
                    if (size < 0)
                    {
                        throw new InputFileException(file, (int)alias.Start.Line, (int)alias.Start.Column, "yaml-alias-expansion",
                            $"alias *{alias.Value} refers to the collection it is inside");
                    }

                    nodes += size;
                    aliased += size;
                    if (aliased > MaxAliasNodes)
                    {
                        throw new InputFileException(file, (int)alias.Start.Line, (int)alias.Start.Column, "yaml-alias-expansion",
                            $"aliases stand for more than {MaxAliasNodes:N0} nodes (an alias bomb?); write the values out instead");
                    }

                    break;
            }
        }
    }

    /// <summary>Where a syntax error is: YamlDotNet puts a tab in indentation at the start of the enclosing mapping.</summary>
    private static (int Line, int Column) Locate(YamlException e, string text)
    {
        var line = (int)Math.Max(1, e.Start.Line);
        var column = (int)Math.Max(1, e.Start.Column);
        if (e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            var lines = text.Split('\n');
            for (var i = line - 1; i < lines.Length; i++)
            {
                var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
                var tab = lines[i].IndexOf('\t', 0, indent);
                if (tab >= 0)
                {
                    return (i + 1, tab + 1);
                }
            }
        }

        return (line, column);
    }
}
