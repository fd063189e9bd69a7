using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Kubedos.Providers.Local;

namespace Kubedos.Infra.Tests.Lab;

/// <summary>
/// What a lab made from the node image must show on its running nodes: every service process (sshd, wireguard-go,
/// runsvdir, etcd, Prometheus, Alertmanager, the node exporter, rsyslog, the enrollment agent) executes a file of the
/// image, not the host's copy, and no node can reach a .NET of the host.
/// </summary>
internal static class ImageNodeChecks
{
    // As /proc/PID/comm names them: at most 15 characters (prometheus-alertmanager, prometheus-node-exporter cut short).
    private static readonly string[] Programs = ["sshd", "wireguard-go", "runsvdir", "etcd", "prometheus", "prometheus-aler", "prometheus-node", "rsyslogd", "kubedos-agent"];

    /// <summary>Asserts it on every node of <paramref name="project"/>, whose image is the one <see cref="LabProject.TestImageManifest"/> lists.</summary>
    /// <returns>The programs seen, as <c>node:program</c>.</returns>
    public static async Task<IReadOnlyList<string>> AssertNodesRunTheImageAsync(LabProject project, IEnumerable<string> nodes)
    {
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(LabProject.TestImageManifest))!;
        var rootfs = manifest["outputs"]!.AsArray().Single(o => o!["kind"]!.GetValue<string>() == "rootfs-tar")!["sha256"]!.GetValue<string>();
        var tree = Path.Combine(LabOptions.Default.ImageRoot, rootfs);
        Assert.True(Directory.Exists(tree), $"the image {rootfs} is not unpacked at {tree}");

        var seen = new List<string>();
        foreach (var node in nodes)
        {
            var root = await project.NodeOutputAsync(node, "sh", "-c", "while read -r _ m t o _; do [ \"$m\" = / ] && r=\"$t $o\"; done </proc/mounts; echo \"$r\"");
            Assert.StartsWith("overlay ", root, StringComparison.Ordinal);
            Assert.Contains($"lowerdir={tree},", root, StringComparison.Ordinal);
            Assert.Equal("none\n", await project.NodeOutputAsync(node, "sh", "-c", "command -v dotnet || echo none"));

            var space = LabNames.For(project.Stack).NodeNamespace(node);
            var pids = (await Host("ip", "netns", "pids", space)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            foreach (var pid in pids)
            {
                var comm = await ReadOrNullAsync($"/proc/{pid}/comm");
                if (comm is null || !Programs.Contains(comm.Trim(), StringComparer.Ordinal))
                {
                    continue;
                }

                // The path the process was started from, inside the node; the bytes it runs; and that file in the image.
                var path = (await Host("readlink", $"/proc/{pid}/exe")).Trim();
                var running = Sha256Of($"/proc/{pid}/exe");
                Assert.True(File.Exists(Path.Combine(tree, path.TrimStart('/'))), $"{node}: {comm.Trim()} runs {path}, which the image does not hold");
                Assert.Equal(Sha256Of(Path.Combine(tree, path.TrimStart('/'))), running);

                // Not the host's file: the executable lives on the node's overlay, not on the host's file system.
                var device = (await Host("stat", "-L", "-c", "%d", $"/proc/{pid}/exe")).Trim();
                if (File.Exists(path))
                {
                    Assert.NotEqual((await Host("stat", "-L", "-c", "%d", path)).Trim(), device);
                }

                seen.Add($"{node}:{comm.Trim()}");
            }
        }

        return seen;
    }

    private static async Task<string?> ReadOrNullAsync(string path)
    {
        try
        {
            return await File.ReadAllTextAsync(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static async Task<string> Host(string program, params string[] arguments)
    {
        var result = await new HostCommandRunner().RunAsync(HostCommand.Of(program, arguments), CancellationToken.None);
        return result.ExitCode == 0 ? result.Stdout : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {result.ExitCode}: {result.Stderr}");
    }
}
