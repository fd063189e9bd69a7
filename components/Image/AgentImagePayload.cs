using Kubedos.Image;
using Kubedos.Image.Build;
using Kubedos.Image.Tools;

namespace Kubedos.Components.Image;

/// <summary>
/// <c>kubedos-agent</c> as the node image carries it: published self-contained for linux-x64 (the .NET runtime inside,
/// so a node needs no .NET of its own) under <see cref="Directory"/>. Nodes of a local lab with <c>nodeRoot: image</c>
/// run this copy; nothing ships it to them at first boot.
/// </summary>
internal static class AgentImagePayload
{
    /// <summary>Where the image holds the agent.</summary>
    public const string Directory = "/opt/kubedos/agent";

    /// <summary>The agent's native launcher in the image.</summary>
    public const string Program = Directory + "/kubedos-agent";

    /// <summary>The agent's project in a Kubedos checkout.</summary>
    public const string ProjectFile = "agent/Kubedos.Agent.csproj";

    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const UnixFileMode Executable = Readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>The checkout this kubedos was built from (the directory holding <see cref="ProjectFile"/> above its binaries), or null.</summary>
    public static string? CheckoutOfThisProgram()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, ProjectFile)))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    /// <summary>Publishes the agent of <paramref name="checkout"/> self-contained and returns its files as image files under <see cref="Directory"/>.</summary>
    /// <exception cref="ImageBuildException">The publish failed (phase <c>agent</c>, with the last lines it printed).</exception>
    public static async Task<IReadOnlyList<OverlayFile>> PublishAsync(string checkout, CancellationToken cancellationToken)
    {
        var output = System.IO.Directory.CreateTempSubdirectory("kubedos-agent-").FullName;
        try
        {
            // Source paths and the git revision are compiled into the assemblies: with the paths mapped to one fixed root
            // and no revision, the image depends on the agent's sources alone, whichever checkout or commit builds it.
            await ToolRun.RunAsync(
                "agent",
                [
                    "dotnet", "publish", Path.Combine(checkout, ProjectFile), "-c", "Release", "-r", "linux-x64", "--self-contained", "-o", output,
                    "-p:DebugType=none", "-p:GenerateDocumentationFile=false", $"-p:PathMap={checkout.TrimEnd('/')}=/kubedos",
                    "-p:IncludeSourceRevisionInInformationalVersion=false", "-nologo", "-v", "quiet",
                ],
                new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
                cancellationToken,
                checkout);

            return [.. System.IO.Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(output, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)
                .Select(f => new OverlayFile($"{Directory}/{f}", File.ReadAllBytes(Path.Combine(output, f)), f == "kubedos-agent" ? Executable : Readable))];
        }
        finally
        {
            System.IO.Directory.Delete(output, recursive: true);
        }
    }
}
