using System.Text;
using Kubedos.Spec.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kubedos.Spec.Loading;

/// <summary>Reads a ClusterSpec YAML file into the model, reporting every fault with file:line:col.</summary>
internal static class ClusterSpecLoader
{
    /// <summary>Largest spec accepted; a ClusterSpec of 10,000 nodes is well under this.</summary>
    private const long MaxBytes = 64L * 1024 * 1024;

    public static SpecLoadResult LoadFile(string path)
    {
        if (Directory.Exists(path))
        {
            return FileFault(path, "file-unreadable", $"'{path}' is a directory, not a ClusterSpec file");
        }

        if (!File.Exists(path))
        {
            return FileFault(path, "file-not-found", $"ClusterSpec file '{path}' does not exist");
        }

        byte[] bytes;
        try
        {
            if (new FileInfo(path).Length > MaxBytes)
            {
                return FileFault(path, "file-too-large", $"'{path}' is larger than {MaxBytes / (1024 * 1024)} MiB");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return FileFault(path, "file-unreadable", $"cannot read '{path}': {e.Message}");
        }

        return Load(path, bytes);
    }

    /// <summary>Loads a spec from bytes; <paramref name="file"/> names it in diagnostics.</summary>
    public static SpecLoadResult Load(string file, ReadOnlySpan<byte> bytes)
    {
        string text;
        try
        {
            if (bytes.IndexOf((byte)0) >= 0)
            {
                throw new DecoderFallbackException("NUL byte");
            }

            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return FileFault(file, "file-not-text", $"'{file}' is not a UTF-8 text file (binary content); a ClusterSpec is YAML");
        }

        if (string.IsNullOrWhiteSpace(text) || text.Split('\n').All(l => l.TrimStart().StartsWith('#') || l.Trim().Length == 0))
        {
            return FileFault(file, "document-empty", $"'{file}' is empty; a ClusterSpec starts with 'apiVersion: kubedos.ca/v1alpha1'");
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var location = new SourceLocation(file, (int)e.Start.Line, (int)e.Start.Column);
            var reason = (e.InnerException?.Message ?? e.Message).Split('\n')[0];
            return Fault(file, new SpecDiagnostic(location, "yaml-syntax", $"malformed YAML: {reason}", string.Empty));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way on some truncated documents (an unclosed flow collection at end of file).
            var lines = text.TrimEnd().Split('\n');
            var location = new SourceLocation(file, lines.Length, lines[^1].Length + 1);
            return Fault(file, new SpecDiagnostic(location, "yaml-syntax", "malformed YAML: the document ends inside an unclosed [ ] or { } collection", string.Empty));
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            var location = new SourceLocation(file, (int)second.Start.Line, (int)second.Start.Column);
            return Fault(file, new SpecDiagnostic(location, "document-multiple", "a ClusterSpec file holds exactly one YAML document", string.Empty));
        }

        var root = stream.Documents[0].RootNode;
        var binder = new SpecBinder(file);
        var document = root is YamlMappingNode
            ? (ClusterDocument?)binder.Bind(root, typeof(ClusterDocument), string.Empty)
            : null;
        var diagnostics = document is null
            ? [new SpecDiagnostic(new SourceLocation(file, (int)root.Start.Line, (int)root.Start.Column), "type-mismatch", "a ClusterSpec document is a mapping with apiVersion, kind, metadata and spec", string.Empty)]
            : binder.Diagnostics;
        return new SpecLoadResult(document, new SourceMap(file, binder.Locations), diagnostics);
    }

    private static SpecLoadResult FileFault(string file, string rule, string message) =>
        Fault(file, new SpecDiagnostic(new SourceLocation(file, 1, 1), rule, message, string.Empty));

    private static SpecLoadResult Fault(string file, SpecDiagnostic diagnostic) =>
        new(null, new SourceMap(file, new Dictionary<string, SourceLocation>()), [diagnostic]);
}
