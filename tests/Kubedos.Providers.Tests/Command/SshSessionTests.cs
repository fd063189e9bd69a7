using Kubedos.Providers.Command;
using Kubedos.Testing;

namespace Kubedos.Providers.Tests.Command;

public sealed class SshSessionTests
{
    [LabFact("sshd", "ssh-keygen")]
    public async Task RunAsync_PinnedHostKey_RunsCommandWithEnvironmentAndRedactsSecret()
    {
        using var sshd = LoopbackSshd.Start();
        var secret = "s3cr3t-" + Guid.NewGuid().ToString("N");
        var redactor = new SecretRedactor([secret]);
        var log = new List<string>();

        using var session = await SshSession.ConnectAsync(sshd.Endpoint(), redactor, CancellationToken.None);
        var result = await session.RunAsync(
            "echo \"hello $GREETING\"; echo \"token=$TOKEN\"; echo oops >&2",
            new Dictionary<string, string> { ["GREETING"] = "it's me", ["TOKEN"] = secret },
            log.Add,
            CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("hello it's me\ntoken=[secret]", result.Stdout);
        Assert.Equal("oops", result.Stderr);
        Assert.Contains("stdout: token=[secret]", log);
        Assert.DoesNotContain(log, l => l.Contains(secret, StringComparison.Ordinal));
    }

    [LabFact("sshd", "ssh-keygen")]
    public async Task ConnectAsync_DifferentHostKey_ThrowsHostKeyError()
    {
        using var sshd = LoopbackSshd.Start();
        var wrong = "SHA256:" + Convert.ToBase64String(new byte[32]).TrimEnd('=');

        var error = await Assert.ThrowsAsync<SshHostKeyException>(() =>
            SshSession.ConnectAsync(sshd.Endpoint(wrong), SecretRedactor.None, CancellationToken.None));

        Assert.Contains(sshd.HostKeyFingerprint, error.Message, StringComparison.Ordinal);
        Assert.Contains("pinned", error.Message, StringComparison.Ordinal);
    }

    [LabFact("sshd", "ssh-keygen")]
    public async Task ConnectAsync_NoPin_RefusedBeforeConnecting()
    {
        using var sshd = LoopbackSshd.Start();

        var error = await Assert.ThrowsAsync<CommandFailedException>(() =>
            SshSession.ConnectAsync(sshd.Endpoint(string.Empty), SecretRedactor.None, CancellationToken.None));

        Assert.Contains("never trusted on first use", error.Message, StringComparison.Ordinal);
    }

    [LabFact("sshd", "ssh-keygen")]
    public void HostKeyPin_OfPublicKey_EqualsSshKeygenFingerprint()
    {
        using var sshd = LoopbackSshd.Start();
        Assert.Equal(LoopbackSshd.KeygenFingerprint(Path.Combine(sshd.Directory, "host_ed25519.pub")), sshd.HostKeyFingerprint);
    }

    [LabFact("sshd", "ssh-keygen")]
    public async Task RunAsync_NonZeroExit_ThrowsWithRedactedStderr()
    {
        using var sshd = LoopbackSshd.Start();
        var secret = "pw-" + Guid.NewGuid().ToString("N");
        using var session = await SshSession.ConnectAsync(sshd.Endpoint(), new SecretRedactor([secret]), CancellationToken.None);

        var error = await Assert.ThrowsAsync<CommandFailedException>(() =>
            session.RunAsync($"echo {secret} >&2; exit 3", new Dictionary<string, string>(), null, CancellationToken.None));

        Assert.Equal(3, error.Result!.ExitCode);
        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
        Assert.Contains("[secret]", error.Message, StringComparison.Ordinal);
    }

    [LabFact("sshd", "ssh-keygen")]
    public async Task CopyAsync_File_LandsWithContentAndMode()
    {
        using var sshd = LoopbackSshd.Start();
        var target = Path.Combine(sshd.Directory, "copied.conf");
        using var session = await SshSession.ConnectAsync(sshd.Endpoint(), SecretRedactor.None, CancellationToken.None);

        using (var content = new MemoryStream("key = value\n"u8.ToArray()))
        {
            await session.CopyAsync(content, target, "0640", CancellationToken.None);
        }

        Assert.Equal("key = value\n", await File.ReadAllTextAsync(target));
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(target));
        }

        await session.DeleteFileAsync(target, CancellationToken.None);
        Assert.False(File.Exists(target));
        await session.DeleteFileAsync(target, CancellationToken.None);
    }
}
