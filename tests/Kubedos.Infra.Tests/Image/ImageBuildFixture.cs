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

    /// <summary>A second stack of the same lock, built after the first into the same store.</summary>
    public const string SiblingStack = "img-sibling";

    private static readonly string[] Tools = ["mmdebstrap", "mke2fs", "debugfs", "qemu-img", "dpkg-scanpackages", "sfdisk", "grub-mkimage", "unshare", "xorriso", "qemu-system-x86_64", "mksquashfs", "grub-mkrescue"];

    public string Project { get; } = Directory.CreateTempSubdirectory("kubedos-image-").FullName;

    public string? Skipped { get; private set; } = LabPrerequisites.MissingReason(Tools);

    public (int ExitCode, string Stdout, string Stderr) Online { get; private set; }

    public (int ExitCode, string Stdout, string Stderr) Offline { get; private set; }

    public (int ExitCode, string Stdout, string Stderr) Again { get; private set; }

    public (int ExitCode, string Stdout, string Stderr) Sibling { get; private set; }

    public TimeSpan SiblingTime { get; private set; }

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
        var spec = RepositoryFiles.Read("stacks/dev.yaml");
        Assert.Contains("  artifactVersion: \"0.1.0\"\n", spec, StringComparison.Ordinal);
        foreach (var stack in new[] { Stack, SiblingStack })
        {
            await File.WriteAllTextAsync(Path.Combine(Project, "stacks", $"{stack}.yaml"), spec);
            await File.WriteAllTextAsync(Path.Combine(Project, $"Pulumi.{stack}.yaml"), $"config:\n  kubedos:spec: stacks/{stack}.yaml\n");
        }

        var locked = await RunAsync([], ["image", "lock", "--stack", Stack]);
        if (locked.ExitCode != 0)
        {
            throw new InvalidOperationException($"image lock failed: {locked.Stderr}");
        }

        var clock = Stopwatch.StartNew();
        Online = await RunAsync([], ["image", "build", "--stack", Stack, "--store", Store, "--out", OnlineOut]);
        OnlineTime = clock.Elapsed;
        clock.Restart();

        // The offline build makes everything again from the packages alone: the store's record of the online build
        // (which would let any stack copy its outputs) is set aside first.
        Directory.Delete(Path.Combine(Store, "builds"), recursive: true);
        Offline = await RunAsync(["unshare", "--net", "--"], ["image", "build", "--stack", Stack, "--store", Store, "--out", OfflineOut, "--offline"]);
        OfflineTime = clock.Elapsed;
        clock.Restart();
        Again = await RunAsync([], ["image", "build", "--stack", Stack, "--store", Store, "--out", OnlineOut]);
        AgainTime = clock.Elapsed;

        // Another stack with the same lock: its first build finds this build in the store.
        File.Copy(Path.Combine(Project, "stacks", $"{Stack}.locks.json"), Path.Combine(Project, "stacks", $"{SiblingStack}.locks.json"));
        clock.Restart();
        Sibling = await RunAsync(["unshare", "--net", "--"], ["image", "build", "--stack", SiblingStack, "--store", Store, "--out", OnlineOut, "--offline"]);
        SiblingTime = clock.Elapsed;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Project, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The outputs listed by a build's manifest: kind -> (file, sha256).</summary>
    public static Dictionary<string, (string Path, string Sha256)> Outputs(string outRoot, string stack = Stack)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(outRoot, stack, "manifests", "artifact-manifest.json")))!;
        return manifest["outputs"]!.AsArray().ToDictionary(
            o => o!["kind"]!.GetValue<string>(),
            o => (Path.Combine(outRoot, stack, "artifacts", o!["name"]!.GetValue<string>()), o["sha256"]!.GetValue<string>()));
    }

    public Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] prefix, string[] args) =>
        KubedosProcess.RunAsync(Project, prefix, args, TimeSpan.FromMinutes(30));
}
