using Kubedos.Providers.Local;
using Kubedos.Testing;

namespace Kubedos.Providers.Tests.Local;

public sealed class LabHostCheckTests
{
    [Fact]
    public async Task ProblemsAsync_NonRootWithoutWireGuardGoOrOverlay_NamesEachWithItsFix()
    {
        var runner = new FakeCommandRunner(command => command.ToString() switch
        {
            "id -u" => new ProcessResult(0, "1000\n", string.Empty),
            "cat /proc/filesystems" => new ProcessResult(0, "nodev\ttmpfs\n\text4\n", string.Empty),
            _ => null,
        });

        var problems = await LabHostCheck.ProblemsAsync(runner, program => program != "wireguard-go", CancellationToken.None);

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("root", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("missing programs: wireguard-go; run scripts/install-host-deps.sh", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("overlayfs", StringComparison.Ordinal));
    }

    [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt", "wg", "wireguard-go", "sshd", "ssh-keygen", "useradd")]
    public async Task ProblemsAsync_ThisLabHost_FindsNone()
    {
        var problems = await LabHostCheck.ProblemsAsync(new HostCommandRunner(), null, CancellationToken.None);

        Assert.Empty(problems);
    }
}
