namespace Kubedos.Components.Firstboot;

/// <summary>Writes what a stage rendered for a node to <c>out/&lt;stack&gt;/rendered/&lt;node&gt;/</c>, for review and the recovery bundle.</summary>
internal sealed class RenderedFiles(string stackOutDirectory)
{
    public string Directory { get; } = Path.Combine(stackOutDirectory, "rendered");

    public void Write(string node, string fileName, string content)
    {
        var directory = Path.Combine(Directory, node);
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, fileName), content);
    }
}
