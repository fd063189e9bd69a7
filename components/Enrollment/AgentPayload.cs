using System.Runtime.InteropServices;
using System.Text.Json;
using Kubedos.Components.Substrate;

namespace Kubedos.Components.Enrollment;

/// <summary>
/// <c>kubedos-agent</c> as software for a node: its assembly, runtime configuration and every file its
/// <c>kubedos-agent.deps.json</c> says it loads on this platform, read from the directory it was built into.
/// Nodes bring the .NET runtime (the lab shares the host's); everything else travels in the payload.
/// </summary>
internal static class AgentPayload
{
    /// <summary>The agent's entry assembly.</summary>
    public const string Assembly = "kubedos-agent.dll";

    private const string DepsFile = "kubedos-agent.deps.json";

    /// <summary>The agent built beside the running kubedos (the program references it).</summary>
    public static NodeSoftware BesideThisProgram() => Read(AppContext.BaseDirectory);

    /// <summary>The agent's files in <paramref name="directory"/>.</summary>
    /// <exception cref="FileNotFoundException">The directory holds no built agent, or lacks a file the agent loads.</exception>
    public static NodeSoftware Read(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var deps = Path.Combine(directory, DepsFile);
        if (!File.Exists(deps))
        {
            throw new FileNotFoundException($"no built kubedos-agent in {directory} (missing {DepsFile}); build the solution first", deps);
        }

        var files = new SortedSet<string>(StringComparer.Ordinal) { Assembly, DepsFile, "kubedos-agent.runtimeconfig.json" };
        using var document = JsonDocument.Parse(File.ReadAllBytes(deps));
        var target = document.RootElement.GetProperty("runtimeTarget").GetProperty("name").GetString()!;
        foreach (var library in document.RootElement.GetProperty("targets").GetProperty(target).EnumerateObject())
        {
            files.UnionWith(RuntimeFiles(library.Value));
        }

        return NodeSoftware.Read(directory, files);
    }

    // A build output holds runtime and resource assets by file name (resources under their culture) and
    // runtime-specific assets at their package path; only this platform's are shipped.
    private static IEnumerable<string> RuntimeFiles(JsonElement library)
    {
        if (library.TryGetProperty("runtime", out var runtime))
        {
            foreach (var asset in runtime.EnumerateObject())
            {
                yield return Path.GetFileName(asset.Name);
            }
        }

        if (library.TryGetProperty("resources", out var resources))
        {
            foreach (var asset in resources.EnumerateObject())
            {
                yield return $"{asset.Value.GetProperty("locale").GetString()}/{Path.GetFileName(asset.Name)}";
            }
        }

        if (library.TryGetProperty("runtimeTargets", out var targets))
        {
            foreach (var asset in targets.EnumerateObject().Where(a => PlatformRids.Contains(a.Value.GetProperty("rid").GetString())))
            {
                yield return asset.Name;
            }
        }
    }

    private static IReadOnlyList<string> PlatformRids { get; } =
        [$"linux-{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}", "linux", "unix", "any"];
}
