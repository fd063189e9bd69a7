using Kubedos.Providers.Command;

namespace Kubedos.Providers.Tests.Command;

public sealed class LocalCommandRunnerTests
{
    [Fact]
    public async Task RunAsync_EnvironmentAndStdin_ReachTheCommand()
    {
        var spec = CommandSpec.Shell("echo \"$NAME\"; cat; echo err >&2") with
        {
            Environment = new Dictionary<string, string> { ["NAME"] = "kubedos" },
            Stdin = "from stdin\n",
        };

        var result = await LocalCommandRunner.RunAsync(spec, SecretRedactor.None, null, CancellationToken.None);

        Assert.Equal("kubedos\nfrom stdin", result.Stdout);
        Assert.Equal("err", result.Stderr);
    }

    [Fact]
    public async Task RunAsync_SecretInEnvironment_MaskedInOutputAndLog()
    {
        var secret = "hunter2-" + Guid.NewGuid().ToString("N");
        var log = new List<string>();
        var spec = CommandSpec.Shell("echo \"pw=$PW\"; echo \"$PW\" >&2") with
        {
            Environment = new Dictionary<string, string> { ["PW"] = secret },
        };

        var result = await LocalCommandRunner.RunAsync(spec, new SecretRedactor([secret]), log.Add, CancellationToken.None);

        Assert.Equal("pw=[secret]", result.Stdout);
        Assert.Equal("[secret]", result.Stderr);
        Assert.NotEmpty(log);
        Assert.DoesNotContain(log, l => l.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_MultiLineSecretPrintedLineByLine_EveryLineMasked()
    {
        var secret = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49\nAwEHBG0wawIBAQQgabcdefghijklmnop\n-----END PRIVATE KEY-----";
        var log = new List<string>();
        var spec = CommandSpec.Shell("printf '%s\\n' \"$KEY\"") with
        {
            Environment = new Dictionary<string, string> { ["KEY"] = secret },
        };

        var result = await LocalCommandRunner.RunAsync(spec, new SecretRedactor([secret]), log.Add, CancellationToken.None);

        Assert.DoesNotContain("MIGHAgEAMBMGByqGSM49AgEGCCqGSM49", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(log, l => l.Contains("AwEHBG0wawIBAQQgabcdefghijklmnop", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_NonZeroExit_ThrowsWithRedactedCommandAndStderr()
    {
        var secret = "token-" + Guid.NewGuid().ToString("N");
        var spec = CommandSpec.Shell($"echo {secret} >&2; exit 7");

        var error = await Assert.ThrowsAsync<CommandFailedException>(() =>
            LocalCommandRunner.RunAsync(spec, new SecretRedactor([secret]), null, CancellationToken.None));

        Assert.Equal(7, error.Result!.ExitCode);
        Assert.Contains("exited with 7", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingInterpreter_ThrowsCommandFailed()
    {
        var spec = CommandSpec.Shell("true") with { Interpreter = ["/nonexistent/shell"] };

        await Assert.ThrowsAsync<CommandFailedException>(() =>
            LocalCommandRunner.RunAsync(spec, SecretRedactor.None, null, CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_MissingDirectory_ThrowsNamingIt()
    {
        var spec = CommandSpec.Shell("true") with { Directory = "/nonexistent/kubedos-dir" };

        var error = await Assert.ThrowsAsync<CommandFailedException>(() =>
            LocalCommandRunner.RunAsync(spec, SecretRedactor.None, null, CancellationToken.None));

        Assert.Contains("/nonexistent/kubedos-dir", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Cancelled_KillsProcess()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            LocalCommandRunner.RunAsync(CommandSpec.Shell("sleep 30"), SecretRedactor.None, null, cts.Token));
    }
}
