namespace Kubedos.Infra.Tests;

/// <summary>Finds files of the repository the tests run from (stacks, schema).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kubedos.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Kubedos.slnx above {AppContext.BaseDirectory}");
    }
}
