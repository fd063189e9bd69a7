using System.Diagnostics;
using System.Text.Json.Nodes;
using Kubedos.Testing;

namespace Kubedos.Infra.Tests.Image;

/// <summary>
/// Builds the dev stack's node image once for the image tests, for real: locks it against Debian's mirror, builds it
/// online into an empty store, then again offline inside a network namespace with no route out (<c>unshare --net</c>)
/// from that store into another output directory, then once more where the first went (a cache hit).
/// </summary>
public sealed class ImageBuildFixture : IAsyncLifetime
{
    public const string Stack = "img";

    private static readonly string[] Tools = ["mmdebstrap", "mke2fs", "debugfs", "qemu-img", "dpkg-scanpackages", "sfdisk", "grub-mkimage", "unshare", "xorriso", "qemu-system-x86_64", "mksquashfs", "grub-mkrescue"];

    public string Project { get; } = Directory.CreateTempSubdirectory("kubedos-image-").FullName;

    public string? Skipped { get; private set; } = LabPrerequisites.MissingReason(Tools);

    public (int ExitCode, string Stdout, string Stderr) Online { get; private set; }

    public (int ExitCode, string Stdout, string Stderr) Offline { get; private set; }

    public (int ExitCode, string Stdout, string Stderr) Again { get; private set; }

    public TimeSpan OnlineTime { get; private set; }

    public TimeSpan OfflineTime { get; private set; }

    public TimeSpan AgainTime { get; private set; }

    public string Store => Path.Combine(Project, "store");

    public string OnlineOut => Path.Combine(Project, "out-online");

    public string OfflineOut => Path.Combine(Project, "out-offline");

    public async Task InitializeAsync()
    {
        if (Skipped is not null && !LabPrerequisites.Required)
        {
            return;
        }

        Skipped = null;
        Directory.CreateDirectory(Path.Combine(Project, "stacks"));
        var spec = RepositoryFiles.Read("stacks/dev.yaml").Replace("  name: dev\n", "  name: dev\n  artifactVersion: \"0.1.0\"\n", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(Project, "stacks", $"{Stack}.yaml"), spec);
        await File.WriteAllTextAsync(Path.Combine(Project, $"Pulumi.{Stack}.yaml"), $"config:\n  kubedos:spec: stacks/{Stack}.yaml\n");

        var locked = await RunAsync([], ["image", "lock", "--stack", Stack]);
        if (locked.ExitCode != 0)
        {
            throw new InvalidOperationException($"image lock failed: {locked.Stderr}");
        }

        var clock = Stopwatch.StartNew();
        Online = await RunAsync([], ["image", "build", "--stack", Stack, "--store", Store, "--out", OnlineOut]);
        OnlineTime = clock.Elapsed;
        clock.Restart();
        Offline = await RunAsync(["unshare", "--net", "--"], ["image", "build", "--stack", Stack, "--store", Store, "--out", OfflineOut, "--offline"]);
        OfflineTime = clock.Elapsed;
        clock.Restart();
        Again = await RunAsync([], ["image", "build", "--stack", Stack, "--store", Store, "--out", OnlineOut]);
        AgainTime = clock.Elapsed;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Project, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The outputs listed by a build's manifest: kind -> (file, sha256).</summary>
    public static Dictionary<string, (string Path, string Sha256)> Outputs(string outRoot)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(outRoot, Stack, "manifests", "artifact-manifest.json")))!;
        return manifest["outputs"]!.AsArray().ToDictionary(
            o => o!["kind"]!.GetValue<string>(),
            o => (Path.Combine(outRoot, Stack, "artifacts", o!["name"]!.GetValue<string>()), o["sha256"]!.GetValue<string>()));
    }

    public Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] prefix, string[] args) =>
        KubedosProcess.RunAsync(Project, prefix, args, TimeSpan.FromMinutes(30));
}
