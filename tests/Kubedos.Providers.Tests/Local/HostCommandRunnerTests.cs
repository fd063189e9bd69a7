using System.Globalization;
using Kubedos.Providers.Local;

namespace Kubedos.Providers.Tests.Local;

public sealed class HostCommandRunnerTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task RunAsync_StdinAndEnvironment_ReachTheProgramAndExitCodeComesBack()
    {
        var result = await new HostCommandRunner().RunAsync(
            HostCommand.Of("sh", "-c", "cat; printf ' %s' \"$KD_TEST\"; echo oops >&2; exit 3") with
            {
                Stdin = "in"u8.ToArray(),
                Environment = new Dictionary<string, string> { ["KD_TEST"] = "env" },
            },
            None);

        Assert.Equal(new ProcessResult(3, "in env", "oops\n"), result);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task RunAsync_CleanEnvironment_PassesOnlyWhatIsGiven()
    {
        var result = await new HostCommandRunner().RunAsync(
            HostCommand.Of("/usr/bin/env") with
            {
                CleanEnvironment = true,
                Environment = new Dictionary<string, string> { ["ONLY"] = "this" },
            },
            None);

        Assert.Equal("ONLY=this\n", result.Stdout);
    }

    [Fact(Timeout = 30_000)]
    public async Task RunAsync_PastItsTimeout_IsKilledAndSaysSo()
    {
        var result = await new HostCommandRunner().RunAsync(
            HostCommand.Of("sleep", "600") with { Timeout = TimeSpan.FromMilliseconds(200) }, None);

        Assert.True(result.TimedOut);
        Assert.Equal(-1, result.ExitCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task RunAsync_BackgroundChildKeepsThePipe_StillReturnsTheOutput()
    {
        var result = await new HostCommandRunner().RunAsync(HostCommand.Of("sh", "-c", "sleep 600 & echo $!"), None);
        try
        {
            Assert.True(result.Succeeded);
            Assert.Matches("^[0-9]+\n$", result.Stdout);
        }
        finally
        {
            if (int.TryParse(result.Stdout, NumberStyles.Integer, CultureInfo.InvariantCulture, out var child))
            {
                await new HostCommandRunner().RunAsync(HostCommand.Of("kill", child.ToString(CultureInfo.InvariantCulture)), None);
            }
        }
    }

    [Fact]
    public async Task RunAsync_MissingProgram_ThrowsNamingTheCommand()
    {
        var error = await Assert.ThrowsAsync<LabCommandException>(
            () => new HostCommandRunner().RunAsync(HostCommand.Of("kubedos-no-such-program", "x"), None));

        Assert.Contains("kubedos-no-such-program x", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_ArgumentsWithSpacesAndQuotes_AreQuotedForAShell()
    {
        Assert.Equal("sh -c 'echo '\\''hi there'\\'''", HostCommand.Of("sh", "-c", "echo 'hi there'").ToString());
    }
}
