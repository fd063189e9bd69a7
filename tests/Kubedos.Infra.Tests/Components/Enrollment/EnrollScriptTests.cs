using System.Diagnostics;
using Kubedos.Components.Enrollment;

namespace Kubedos.Infra.Tests.Components.Enrollment;

/// <summary>
/// The enroll command's script run by sh against a stand-in agent that behaves like kubedos-agent enroll (it does nothing
/// when an identity exists, writes one when admitted, exits 2 when refused), in a temporary directory.
/// </summary>
public sealed class EnrollScriptTests : IDisposable
{
    private const string Agent = """
        #!/bin/sh
        [ -e "$ID/node.pem" ] && exit 0
        case "$MODE" in
          admit) mkdir -p "$ID" && echo "issued with $(cat "$TOKEN")" > "$ID/node.pem" ;;
          refuse) echo "refused: token spent" >&2; exit 2 ;;
        esac
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("kubedos-enroll-").FullName;

    private string Identity => Path.Combine(_root, "identity");

    private string Token => Path.Combine(_root, "enrollment-token");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task FirstEnrollment_PrintsTheCertificateIssued()
    {
        await File.WriteAllTextAsync(Token, "token-1");

        var (exit, output) = await RunAsync("admit");

        Assert.Equal(0, exit);
        Assert.Equal("issued with token-1", output.Trim());
    }

    [Fact]
    public async Task TokenNewerThanTheIdentity_EnrollsAgainWithIt()
    {
        await File.WriteAllTextAsync(Token, "token-1");
        await RunAsync("admit");
        File.SetLastWriteTimeUtc(Path.Combine(Identity, "node.pem"), DateTime.UtcNow.AddMinutes(-5));
        await File.WriteAllTextAsync(Token, "token-2");

        var (exit, output) = await RunAsync("admit");

        Assert.Equal(0, exit);
        Assert.Equal("issued with token-2", output.Trim());
        Assert.False(Directory.Exists(Identity + ".previous"));
    }

    [Fact]
    public async Task SameTokenAgain_KeepsTheIdentity()
    {
        await File.WriteAllTextAsync(Token, "token-1");
        await RunAsync("admit");
        File.SetLastWriteTimeUtc(Token, DateTime.UtcNow.AddMinutes(-5));

        var (exit, output) = await RunAsync("refuse");

        Assert.Equal(0, exit);
        Assert.Equal("issued with token-1", output.Trim());
    }

    [Fact]
    public async Task NewTokenRefused_TheOldIdentityIsPutBackAndTheRefusalStands()
    {
        await File.WriteAllTextAsync(Token, "token-1");
        await RunAsync("admit");
        File.SetLastWriteTimeUtc(Path.Combine(Identity, "node.pem"), DateTime.UtcNow.AddMinutes(-5));
        await File.WriteAllTextAsync(Token, "token-2");

        var (exit, _) = await RunAsync("refuse");

        Assert.Equal(2, exit);
        Assert.Equal("issued with token-1", (await File.ReadAllTextAsync(Path.Combine(Identity, "node.pem"))).Trim());
        Assert.False(Directory.Exists(Identity + ".previous"));
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string mode)
    {
        var agent = Path.Combine(_root, "agent.sh");
        await File.WriteAllTextAsync(agent, Agent);
        var script = ClusterEnrollment.EnrollScript
            .Replace(ClusterEnrollment.TokenPath, Token, StringComparison.Ordinal)
            .Replace(ClusterEnrollment.IdentityDirectory, Identity, StringComparison.Ordinal);
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-c", script, "enroll", "sh", agent])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ID"] = Identity;
        start.Environment["TOKEN"] = Token;
        start.Environment["MODE"] = mode;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
