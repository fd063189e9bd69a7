namespace Kubedos.Components;

/// <summary>Writes what a stage rendered for a node to <c>out/&lt;stack&gt;/rendered/&lt;node&gt;/</c>, for review and the recovery bundle.</summary>
/// <param name="stackOutDirectory">The stack's files (<c>out/&lt;stack&gt;</c>).</param>
/// <param name="preview">True in a preview, which changes nothing: the files are rendered (and judged) but not written.</param>
internal sealed class RenderedFiles(string stackOutDirectory, bool preview)
{
    public string Directory { get; } = Path.Combine(stackOutDirectory, "rendered");

    public void Write(string node, string fileName, string content)
    {
        if (preview)
        {
            return;
        }

        var directory = Path.Combine(Directory, node);
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, fileName), content);
    }
}
