using System.Diagnostics;
using Kubedos.Components.Firstboot;
using Kubedos.Spec.Normalisation;
using Kubedos.Testing;

namespace Kubedos.Infra.Tests.Components.Firstboot;

public sealed class SshdConfigRendererTests
{
    private static readonly NormalisedSsh Ssh = new(["ops", "deploy"], "ops", PasswordAuth: false, PermitRootLogin: false);

    [Fact]
    public void Render_Defaults_KeyOnlyNoRootAllowUsersOnWg1()
    {
        var text = SshdConfigRenderer.Render("cp-1", "10.101.0.11", Ssh);

        var lines = text.Split('\n');
        Assert.Contains("ListenAddress 10.101.0.11", lines);
        Assert.Contains("PasswordAuthentication no", lines);
        Assert.Contains("KbdInteractiveAuthentication no", lines);
        Assert.Contains("PermitRootLogin no", lines);
        Assert.Contains("AllowUsers ops deploy", lines);
        Assert.Contains($"Ciphers {SshdConfigRenderer.Ciphers}", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("ListenAddress 0.0.0.0", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_SpecAllowsPassword_SaysSo()
    {
        var text = SshdConfigRenderer.Render("cp-1", "10.101.0.11", Ssh with { PasswordAuth = true });

        Assert.Contains("PasswordAuthentication yes", text.Split('\n'));
    }

    [LabFact("sshd", "ssh-keygen", "unshare")]
    public async Task Render_CheckedBySshdT_IsValidAndEffective()
    {
        var dir = Directory.CreateTempSubdirectory("kubedos-sshd-").FullName;
        try
        {
            var config = SshdConfigRenderer.Render("cp-1", "10.101.0.11", Ssh);
            foreach (var type in SshdConfigRenderer.HostKeyTypes)
            {
                config = config.Replace(SshdConfigRenderer.HostKeyPath(type), Path.Combine(dir, $"key_{type}"), StringComparison.Ordinal);
                await RunAsync("ssh-keygen", "-q", "-t", type, "-N", "", "-f", Path.Combine(dir, $"key_{type}"));
            }

            var path = Path.Combine(dir, "sshd_config");
            await File.WriteAllTextAsync(path, config);
            // sshd -T wants its privilege separation directory; a fresh host whose sshd never ran has
            // none, so the check runs in a private mount namespace with its own /run, as a lab node does.
            var (code, output) = await RunAsync(
                "unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs -o mode=0755 tmpfs /run && install -d -m 0755 /run/sshd && exec /usr/sbin/sshd -T -f \"$1\"", "sshd-check", path);

            Assert.True(code == 0, output);
            Assert.Contains("passwordauthentication no", output, StringComparison.Ordinal);
            Assert.Contains("permitrootlogin no", output, StringComparison.Ordinal);
            Assert.Contains("allowusers ops", output, StringComparison.Ordinal);
            Assert.Contains($"kexalgorithms {SshdConfigRenderer.KexAlgorithms}", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
