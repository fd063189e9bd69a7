namespace Kubedos.Engine.Tests.Config;

/// <summary>A throw-away project directory.</summary>
internal sealed class TempProject : IDisposable
{
    public TempProject()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("kubedos-config-").FullName;
    }

    public string Directory { get; }

    public string PathOf(string name) => System.IO.Path.Combine(Directory, name);

    public string Write(string name, string text)
    {
        var path = PathOf(name);
        File.WriteAllText(path, text);
        return path;
    }

    public string Read(string name) => File.ReadAllText(PathOf(name));

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
