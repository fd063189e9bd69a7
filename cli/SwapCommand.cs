using System.CommandLine;
using Kubedos.Engine.Cli;
using Kubedos.Operations;
using Kubedos.Operations.Runbooks;
using Kubedos.Operations.Swap;

namespace Kubedos.Cli;

/// <summary>
/// <c>kubedos swap --from BLUE --to GREEN --yes [--endpoint STACK] [--endpoint-address A] [--destroy-old] [--json]</c>: a thin
/// wrapper over <see cref="SwapProgram"/>. Exit 0 when the endpoint serves the new colour (and, asked, the old one is gone),
/// 1 when a step failed (the old colour still serves unless the switch was done), 2 for a pair that is not one cluster
/// definition, a missing --yes or a missing endpoint address, 7 when the old colour was never brought up.
/// </summary>
internal static class SwapCommand
{
    public static Command Create(ProgramHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var from = new Option<string>("--from") { Description = "The colour serving now (a stack of this project)", Required = true };
        var to = new Option<string>("--to") { Description = "The colour to build from nothing and serve (a stack holding nothing, its spec the first's with only its CIDRs moved)", Required = true };
        var endpoint = new Option<string?>("--endpoint") { Description = "The pair's endpoint stack (default: <cluster name>-endpoint)" };
        var address = new Option<string?>("--endpoint-address") { Description = "The endpoint's IPv4 address; needed by the pair's first swap, which makes the endpoint" };
        var destroyOld = new Option<bool>("--destroy-old") { Description = "Destroy the old colour once the endpoint serves the new one (as the destruction-boundary policy allows)" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Confirm: the new colour is built and the endpoint moved to it" };
        var json = new Option<bool>("--json", "-j") { Description = "Print the report as one JSON line" };
        var command = new Command(
            "swap",
            "Blue/green (spec §18.4): the old colour takes a fresh etcd snapshot, the new colour is built from nothing with it restored and "
            + "every gate run, and only then the pair's stable endpoint (an address on the host, forwarded by nftables) moves to it. "
            + "A failed swap leaves the old colour serving. Report in out/<to>/runbooks/. Needs --yes.")
        {
            from, to, endpoint, address, destroyOld, yes, json,
        };
        command.SetAction((parse, cancellationToken) => CommandFailure.RunAsync(host.Error ?? Console.Error, "swap", () => SwapAsync(
            host, parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(endpoint), parse.GetValue(address), parse.GetValue(destroyOld), parse.GetValue(yes), parse.GetValue(json), cancellationToken)));
        return command;
    }

    private static async Task<int> SwapAsync(
        ProgramHost host, string fromName, string toName, string? endpoint, string? address, bool destroyOld, bool yes, bool json, CancellationToken cancellationToken)
    {
        var error = host.Error ?? Console.Error;
        if (!yes)
        {
            await error.WriteLineAsync($"kubedos swap: building '{toName}' and moving the endpoint to it needs --yes");
            return ExitCodes.Usage;
        }

        var (from, fromExit) = await OperationStack.OpenAsync(host, "swap", fromName, cancellationToken);
        if (from is null)
        {
            return fromExit;
        }

        var (to, toExit) = await OperationStack.OpenAsync(host, "swap", toName, cancellationToken);
        if (to is null)
        {
            return toExit;
        }

        ColourPair pair;
        try
        {
            pair = ColourPair.Of(from.Name, from.SpecPath, from.Cluster, to.Name, to.SpecPath, to.Cluster);
        }
        catch (OperationRefusedException e)
        {
            await error.WriteLineAsync($"kubedos swap: {e.Message}");
            return ExitCodes.Usage;
        }

        var options = new SwapOptions
        {
            ProjectDirectory = host.WorkDir,
            EndpointStack = endpoint ?? $"{from.Cluster.Name}-endpoint",
            EndpointAddress = address,
            DestroyOld = destroyOld,
            Runbook = new RunbookOptions { Time = host.Time, OnStep = json ? null : RunbookCommand.Progress(host.Out ?? Console.Out) },
        };
        return await RunbookCommand.ReportAsync(host, "swap", $"swap {from.Name} -> {to.Name}", to, json, () =>
            SwapProgram.RunAsync(from.OpenWorkspace(), pair, from.Cluster, to.OutDirectory, options, cancellationToken), cancellationToken);
    }
}
