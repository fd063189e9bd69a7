using Kubedos.Input;
using Kubedos.Spec.Model;
using YamlDotNet.RepresentationModel;

namespace Kubedos.Spec.Loading;

/// <summary>Reads a ClusterSpec YAML file into the model, reporting every fault with file:line:col.</summary>
internal static class ClusterSpecLoader
{
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
            bytes = RegularFile.ReadAtMost(path, YamlInput.MaxBytes);
        }
        catch (InputFileException e)
        {
            return Fault(path, e);
        }

        return Load(path, bytes);
    }

    /// <summary>Loads a spec from bytes; <paramref name="file"/> names it in diagnostics.</summary>
    public static SpecLoadResult Load(string file, ReadOnlySpan<byte> bytes)
    {
        string text;
        YamlStream stream;
        try
        {
            text = Utf8Text.Decode(file, bytes);
            if (IsBlank(text))
            {
                return FileFault(file, "document-empty", $"'{file}' is empty; a ClusterSpec starts with 'apiVersion: kubedos.ca/v1alpha1'");
            }

            stream = YamlInput.Load(file, text);
        }
        catch (InputFileException e)
        {
            return Fault(file, e);
        }

        if (stream.Documents.Count == 0)
        {
            return FileFault(file, "document-empty", $"'{file}' holds no YAML document (only markers such as '...'); a ClusterSpec starts with 'apiVersion: kubedos.ca/v1alpha1'");
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

    private static bool IsBlank(string text) =>
        string.IsNullOrWhiteSpace(text) || text.Split('\n').All(l => l.TrimStart().StartsWith('#') || l.Trim().Length == 0);

    private static SpecLoadResult Fault(string file, InputFileException e) =>
        Fault(file, new SpecDiagnostic(new SourceLocation(file, e.Line, e.Column), e.Rule, e.Problem, string.Empty));

    private static SpecLoadResult FileFault(string file, string rule, string message) =>
        Fault(file, new SpecDiagnostic(new SourceLocation(file, 1, 1), rule, message, string.Empty));

    private static SpecLoadResult Fault(string file, SpecDiagnostic diagnostic) =>
        new(null, new SourceMap(file, new Dictionary<string, SourceLocation>()), [diagnostic]);
}
