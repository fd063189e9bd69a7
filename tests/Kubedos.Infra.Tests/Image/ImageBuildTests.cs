using System.Diagnostics;
using System.Security.Cryptography;
using Kubedos.Image.Boot;
using Kubedos.Testing;
using Xunit.Abstractions;

namespace Kubedos.Infra.Tests.Image;

/// <summary>The node image built for real (see <see cref="ImageBuildFixture"/>): reproducible, offline, cached, and it boots.</summary>
public sealed class ImageBuildTests(ImageBuildFixture build, ITestOutputHelper output) : IClassFixture<ImageBuildFixture>
{
    [LabFact("mmdebstrap", "unshare")]
    public void Build_OnlineThenOfflineWithNoRouteOut_ProduceByteIdenticalArtifacts()
    {
        Assert.True(build.Online.ExitCode == 0, build.Online.Stderr);
        Assert.True(build.Offline.ExitCode == 0, build.Offline.Stderr);
        output.WriteLine($"online build from an empty store: {build.OnlineTime.TotalSeconds:F1} s; offline rebuild: {build.OfflineTime.TotalSeconds:F1} s");
        var online = ImageBuildFixture.Outputs(build.OnlineOut);
        var offline = ImageBuildFixture.Outputs(build.OfflineOut);

        Assert.Equal(["iso", "qcow2", "rootfs-tar"], online.Keys.Order(StringComparer.Ordinal));
        foreach (var (kind, artifact) in online)
        {
            Assert.Equal(artifact.Sha256, offline[kind].Sha256);
            Assert.Equal(artifact.Sha256, Sha256(artifact.Path));
            Assert.Equal(artifact.Sha256, Sha256(offline[kind].Path));
            Assert.Matches("^kubedos-0\\.1\\.0-(rootfs|qcow2|baremetal-iso)-\\d{8}-[0-9a-f]{12}\\.(tar|qcow2|iso)\\z", Path.GetFileName(artifact.Path));
            output.WriteLine($"{kind}: {new FileInfo(artifact.Path).Length / 1048576} MiB sha256:{artifact.Sha256}");
        }

        Assert.Contains("0 packages downloaded", build.Offline.Stdout, StringComparison.Ordinal);
    }

    [LabFact("mmdebstrap")]
    public void Build_NothingChanged_IsACacheHit()
    {
        Assert.True(build.Again.ExitCode == 0, build.Again.Stderr);
        output.WriteLine($"no-change rebuild: {build.AgainTime.TotalSeconds:F1} s");

        Assert.Contains("nothing changed since the last build", build.Again.Stdout, StringComparison.Ordinal);
    }

    [LabFact("mmdebstrap", "unshare")]
    public void Build_AnotherStackOfTheSameLock_CopiesTheStoresBuildAndBuildsNothing()
    {
        Assert.True(build.Sibling.ExitCode == 0, build.Sibling.Stderr);
        output.WriteLine($"another stack of the same lock, offline, from the store: {build.SiblingTime.TotalSeconds:F1} s");

        Assert.Contains("nothing changed since the last build", build.Sibling.Stdout, StringComparison.Ordinal);
        Assert.Contains("the store holds this build", build.Sibling.Stderr, StringComparison.Ordinal);
        var first = ImageBuildFixture.Outputs(build.OnlineOut);
        var sibling = ImageBuildFixture.Outputs(build.OnlineOut, ImageBuildFixture.SiblingStack);
        foreach (var (kind, artifact) in first)
        {
            Assert.Equal(artifact.Sha256, sibling[kind].Sha256);
            Assert.Equal(artifact.Sha256, Sha256(sibling[kind].Path));
        }
    }

    [LabFact("mmdebstrap")]
    public async Task BuildLog_IsAnIntactHashChainRecordingEachOutputsDigest()
    {
        var log = Path.Combine(build.OnlineOut, ImageBuildFixture.Stack, "logs", "build.log");
        var qcow2 = ImageBuildFixture.Outputs(build.OnlineOut)["qcow2"];
        var head = System.Text.RegularExpressions.Regex.Match(build.Again.Stdout, "head ([0-9a-f]{64})").Groups[1].Value;

        var verified = await build.RunAsync([], ["audit", "verify", log, "--head", head]);

        Assert.True(verified.ExitCode == 0, verified.Stdout + verified.Stderr);
        var text = await File.ReadAllTextAsync(log);
        Assert.Contains(qcow2.Sha256, text, StringComparison.Ordinal);
        Assert.Contains("\"cacheHit\":\"true\"", text, StringComparison.Ordinal);

        // One edited byte in an earlier entry breaks the chain.
        var tampered = Path.Combine(build.Project, "tampered.log");
        await File.WriteAllTextAsync(tampered, text.Replace(qcow2.Sha256, new string('0', 64), StringComparison.Ordinal));
        Assert.NotEqual(0, (await build.RunAsync([], ["audit", "verify", tampered, "--head", head])).ExitCode);
    }

    [LabFact("mmdebstrap", "tar")]
    public async Task Rootfs_LeavesIdentityOutAndBakesTheBaselineIn()
    {
        var tarball = ImageBuildFixture.Outputs(build.OnlineOut)["rootfs-tar"].Path;

        var listing = await ToolOutputAsync("tar", "--list", "--file", tarball);
        var machineId = await ToolOutputAsync("tar", "--extract", "--to-stdout", "--file", tarball, "./etc/machine-id");

        Assert.DoesNotContain("etc/ssh/ssh_host_", listing, StringComparison.Ordinal);
        Assert.Equal(string.Empty, machineId);
        Assert.Contains("./etc/sysctl.d/90-kubedos-baseline.conf", listing, StringComparison.Ordinal);
        Assert.Contains("./etc/ssh/sshd_config.d/10-kubedos-baseline.conf", listing, StringComparison.Ordinal);
        Assert.Contains("./boot/grub/grub.cfg", listing, StringComparison.Ordinal);
        Assert.Contains("./usr/bin/wg", listing, StringComparison.Ordinal);
    }

    [LabFact("qemu-system-x86_64", "xorriso")]
    public async Task Qcow2_BootsWithBiosFirmwareAndANoCloudSeed_CloudInitDoneSshdHardenedWireGuardLoads()
    {
        var qcow2 = ImageBuildFixture.Outputs(build.OnlineOut)["qcow2"].Path;
        Assert.Contains("No errors were found", await ToolOutputAsync("qemu-img", "check", qcow2), StringComparison.Ordinal);

        await BootAndCheckAsync("qcow2-1", ["-drive", $"file={qcow2},format=qcow2,if=virtio,snapshot=on"]);
    }

    [LabFact("qemu-system-x86_64", "xorriso")]
    public async Task Iso_BootsWithUefiFirmwareAndANoCloudSeed_CloudInitDoneSshdHardenedWireGuardLoads()
    {
        var iso = ImageBuildFixture.Outputs(build.OnlineOut)["iso"].Path;
        var boot = await ToolOutputAsync("xorriso", "-indev", iso, "-report_el_torito", "plain");
        Assert.Matches("El Torito boot img :\\s+\\d+\\s+BIOS\\s+y", boot);
        Assert.Matches("El Torito boot img :\\s+\\d+\\s+UEFI\\s+y", boot);

        await BootAndCheckAsync("iso-1", ["-bios", "/usr/share/ovmf/OVMF.fd", "-drive", $"file={iso},format=raw,if=none,id=cd,readonly=on", "-device", "virtio-scsi-pci", "-device", "scsi-cd,drive=cd"]);
    }

    // Boots one VM under TCG with a NoCloud seed Kubedos writes and reads first boot's result from the serial console.
    private async Task BootAndCheckAsync(string hostname, string[] machine)
    {
        var seed = new NoCloudSeed(
            hostname,
            "ops",
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops@kubedos-test",
            [
                ["sh", "-c", "echo KUBEDOS-HOSTNAME=$(hostname) KUBEDOS-USER=$(id -un ops) > /dev/ttyS0"],
                ["sh", "-c", "echo KUBEDOS-SSHD=$(systemctl is-active ssh) > /dev/ttyS0"],
                ["sh", "-c", "sshd -T | grep -E '^(passwordauthentication|permitrootlogin) ' | sed 's/^/KUBEDOS-SSHD-/' > /dev/ttyS0"],
                ["sh", "-c", "test -s /etc/ssh/ssh_host_ed25519_key.pub && echo KUBEDOS-HOSTKEY=made-at-first-boot > /dev/ttyS0"],
                ["sh", "-c", "(modprobe wireguard && echo KUBEDOS-WIREGUARD=loaded || echo KUBEDOS-WIREGUARD=failed) > /dev/ttyS0"],
            ],
            "KUBEDOS-CLOUD-INIT-DONE after $UPTIME s");
        var seedIso = Path.Combine(build.Project, $"{hostname}-seed.iso");
        await seed.WriteIsoAsync(seedIso, CancellationToken.None);
        var serial = Path.Combine(build.Project, $"{hostname}-serial.log");

        var start = new ProcessStartInfo("qemu-system-x86_64") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-accel", "tcg", "-m", "1536", "-smp", "2", "-nographic", "-monitor", "none", "-nic", "none", "-serial", $"file:{serial}" }
            .Concat(machine).Concat(["-drive", $"file={seedIso},format=raw,if=virtio,readonly=on"]))
        {
            start.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var qemu = Process.Start(start)!;
        try
        {
            var log = string.Empty;
            while (clock.Elapsed < TimeSpan.FromMinutes(12) && !qemu.HasExited && !log.Contains("KUBEDOS-CLOUD-INIT-DONE", StringComparison.Ordinal))
            {
                await Task.Delay(2000);
                log = File.Exists(serial) ? await File.ReadAllTextAsync(serial) : string.Empty;
            }

            output.WriteLine($"{hostname}: boot to cloud-init done in {clock.Elapsed.TotalSeconds:F0} s");
            Assert.True(log.Contains("KUBEDOS-CLOUD-INIT-DONE", StringComparison.Ordinal), $"no cloud-init final message in {clock.Elapsed}; serial tail:\n{log[Math.Max(0, log.Length - 3000)..]}");
            Assert.Contains($"KUBEDOS-HOSTNAME={hostname} KUBEDOS-USER=ops", log, StringComparison.Ordinal);
            Assert.Contains("KUBEDOS-SSHD=active", log, StringComparison.Ordinal);
            Assert.Contains("KUBEDOS-SSHD-passwordauthentication no", log, StringComparison.Ordinal);
            Assert.Contains("KUBEDOS-SSHD-permitrootlogin no", log, StringComparison.Ordinal);
            Assert.Contains("KUBEDOS-HOSTKEY=made-at-first-boot", log, StringComparison.Ordinal);
            Assert.Contains("KUBEDOS-WIREGUARD=loaded", log, StringComparison.Ordinal);
        }
        finally
        {
            if (!qemu.HasExited)
            {
                qemu.Kill(entireProcessTree: true);
            }
        }
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static async Task<string> ToolOutputAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return await stdout;
    }
}
