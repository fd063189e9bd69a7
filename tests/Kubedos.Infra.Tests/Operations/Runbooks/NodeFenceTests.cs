using Kubedos.Operations.Runbooks;

namespace Kubedos.Infra.Tests.Operations.Runbooks;

public sealed class NodeFenceTests
{
    [Fact]
    public void Script_RemovesThePeerOnEachPlaneThenDropsEveryAddressBothWays()
    {
        var fence = new NodeFence("w-1", new Dictionary<string, string> { ["wg2"] = "B=", ["wg1"] = "A=" }, ["10.201.0.21", "10.202.0.21"], ["cp-1"]);

        var script = fence.Script();

        Assert.Contains("wg set wg1 peer 'A=' remove", script, StringComparison.Ordinal);
        Assert.True(script.IndexOf("wg1 peer", StringComparison.Ordinal) < script.IndexOf("wg2 peer", StringComparison.Ordinal));
        Assert.Contains("type filter hook input priority -200; policy accept; ip saddr { 10.201.0.21, 10.202.0.21 } drop;", script, StringComparison.Ordinal);
        Assert.Contains("type filter hook output priority -200; policy accept; ip daddr { 10.201.0.21, 10.202.0.21 } drop;", script, StringComparison.Ordinal);
        Assert.StartsWith("set -eu\n", script, StringComparison.Ordinal);
        Assert.Contains($"delete table inet {NodeFence.Table}", NodeFence.LiftScript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_IsValidNftablesAndShell()
    {
        var fence = new NodeFence("w-1", new Dictionary<string, string> { ["wg1"] = "A=" }, ["10.201.0.21"], ["cp-1"]);
        var text = fence.Script();
        var nft = text[(text.IndexOf("<<'NFT'\n", StringComparison.Ordinal) + 8)..text.LastIndexOf("NFT\n", StringComparison.Ordinal)];
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, nft);
            var shell = await Run("sh", "-n", "-c", text);
            Assert.True(shell.ExitCode == 0, shell.Output);
            if (Kubedos.Testing.LabPrerequisites.FindOnPath("nft") is not null && Environment.UserName == "root")
            {
                var check = await Run("nft", "-c", "-f", file);
                Assert.True(check.ExitCode == 0, check.Output + "\n" + nft);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<(int ExitCode, string Output)> Run(string program, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
