using System.Security.Cryptography;
using System.Text;
using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;

namespace Kubedos.Providers.Kubernetes;

/// <summary>Inputs of <c>kubernetes:yaml:RenderedFile</c>.</summary>
/// <param name="Directory">The render directory, absolute.</param>
/// <param name="Path">The file under it, relative.</param>
/// <param name="Content">The file's text.</param>
internal sealed record RenderedFileInputs(
    [property: ReplaceOnChange("a file in another directory is another file")] string Directory,
    [property: ReplaceOnChange("a file at another path is another file")] string Path,
    string Content);

/// <summary>Outputs of <c>kubernetes:yaml:RenderedFile</c>; the content is not repeated.</summary>
internal sealed record RenderedFileOutputs(string FullPath, string Sha256);

/// <summary><c>kubernetes:yaml:RenderedFile</c>: writes, re-reads and removes one file of a render directory.</summary>
internal sealed class RenderedFileHandler : ResourceHandler<RenderedFileInputs, RenderedFileOutputs>
{
    /// <summary>A rendered manifest larger than this is a mistake, not a manifest.</summary>
    public const int MaxContentBytes = 1024 * 1024;

    public override string Type => RenderedFile.TypeToken;

    protected override bool UpdatesInPlace => true;

    /// <summary>The SHA-256 of <paramref name="content"/>'s UTF-8 bytes, lowercase hex.</summary>
    public static string Hash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    protected override IEnumerable<CheckFailure> Validate(RenderedFileInputs inputs)
    {
        if (!System.IO.Path.IsPathFullyQualified(inputs.Directory) || inputs.Directory.Split('/').Contains(".."))
        {
            yield return new CheckFailure("directory", $"'{inputs.Directory}' must be an absolute path without '..'");
        }

        if (RelativePathProblem(inputs.Path) is { } problem)
        {
            yield return new CheckFailure("path", $"'{inputs.Path}' {problem}");
        }

        if (Encoding.UTF8.GetByteCount(inputs.Content) > MaxContentBytes)
        {
            yield return new CheckFailure("content", $"is {Encoding.UTF8.GetByteCount(inputs.Content)} bytes; a rendered file is at most {MaxContentBytes}");
        }
    }

    /// <summary>
    /// Also an update when the file on disk no longer matches what the state says was written (a refresh recorded
    /// a hand edit): the next up writes it back, as <c>kubectl apply</c> would restore a live object.
    /// </summary>
    protected override DiffResponse Diff(DiffRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var diff = base.Diff(request);
        if (diff.Changes != DiffChanges.None
            || request.NewInputs.GetOrDefault("content") is not { IsUnknown: false, IsSecret: false } content
            || request.OldOutputs.GetOrDefault("sha256") is not { IsUnknown: false, IsSecret: false, IsNull: false } recorded
            || recorded.AsString() == Hash(content.AsString()))
        {
            return diff;
        }

        return new DiffResponse(DiffChanges.Some, ["content"], []);
    }

    protected override async Task<LiveResource<RenderedFileOutputs>> CreateAsync(Urn urn, RenderedFileInputs inputs, CancellationToken cancellationToken)
    {
        var outputs = await WriteAsync(urn, inputs, cancellationToken);
        return new LiveResource<RenderedFileOutputs>(outputs.FullPath, outputs);
    }

    protected override Task<RenderedFileOutputs> UpdateAsync(
        Urn urn, string id, RenderedFileInputs oldInputs, RenderedFileOutputs oldOutputs, RenderedFileInputs newInputs, CancellationToken cancellationToken) =>
        WriteAsync(urn, newInputs, cancellationToken);

    protected override async Task<LiveResource<RenderedFileOutputs>?> ReadAsync(
        Urn urn, string? id, RenderedFileInputs inputs, RenderedFileOutputs? outputs, CancellationToken cancellationToken)
    {
        var path = FullPath(inputs);
        if (!File.Exists(path))
        {
            return null;
        }

        var content = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken);
        return new LiveResource<RenderedFileOutputs>(path, new RenderedFileOutputs(path, Hash(content)));
    }

    protected override Task DeleteAsync(Urn urn, string id, RenderedFileInputs inputs, RenderedFileOutputs outputs, CancellationToken cancellationToken)
    {
        var path = FullPath(inputs);
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        // Folders the render made (0-crd/, 1-manifest/...) go with their last file; the render directory itself stays.
        var root = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(inputs.Directory));
        for (var folder = System.IO.Path.GetDirectoryName(path); folder is not null && folder.Length > root.Length && folder.StartsWith(root, StringComparison.Ordinal);
            folder = System.IO.Path.GetDirectoryName(folder))
        {
            if (!TryRemoveEmptyFolder(folder))
            {
                break;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Why <paramref name="path"/> is not a file path this provider writes, or null.</summary>
    public static string? RelativePathProblem(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path.StartsWith('/'))
        {
            return "must be a relative path";
        }

        if (!path.EndsWith(".yaml", StringComparison.Ordinal))
        {
            return "must end in .yaml";
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment is "." or ".." || !segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return $"has a segment '{segment}' that is not letters, digits, '.', '_' and '-' (nor '.' or '..')";
            }
        }

        return null;
    }

    // Sibling files are deleted in parallel: another delete may empty or remove the folder between the look and the
    // removal, and a folder already gone is the outcome wanted, not an error.
    private static bool TryRemoveEmptyFolder(string folder)
    {
        try
        {
            if (System.IO.Directory.EnumerateFileSystemEntries(folder).Any())
            {
                return false;
            }

            System.IO.Directory.Delete(folder);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return true;
        }
        catch (IOException) when (System.IO.Directory.Exists(folder))
        {
            // Not empty any more: a sibling was written meanwhile; the folder stays with it.
            return false;
        }
    }

    private static string FullPath(RenderedFileInputs inputs) => System.IO.Path.Combine(inputs.Directory, inputs.Path);

    // Written beside and renamed over, so a reader (kubectl apply, a diff) never sees half a manifest.
    private static async Task<RenderedFileOutputs> WriteAsync(Urn urn, RenderedFileInputs inputs, CancellationToken cancellationToken)
    {
        var path = FullPath(inputs);
        try
        {
            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            var temporary = path + ".tmp";
            await File.WriteAllTextAsync(temporary, inputs.Content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ProviderException(urn, "path", $"cannot write '{path}': {ex.Message}", ex);
        }

        return new RenderedFileOutputs(path, Hash(inputs.Content));
    }
}
