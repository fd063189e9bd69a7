using System.Text;

namespace Kubedos.Providers.Local;

/// <summary>
/// A host nftables table per stack that drops anything the host would forward into or out of the
/// lab's operator link, so that even a host with forwarding on never routes lab traffic off the machine
/// (say a node given a default route via the operator address) nor outside traffic into the lab.
/// </summary>
internal sealed class ForwardGuard(ICommandRunner runner)
{
    public static string TableName(LabNames names) => $"kubedos_lab_{names.StackHash}";

    public async Task EnsureAsync(LabNames names, CancellationToken cancellationToken)
    {
        if (await ExistsAsync(names, cancellationToken))
        {
            return;
        }

        // A priority before the usual filter chains (0), so a permissive host ruleset cannot re-admit it.
        var ruleset = $$"""
            table inet {{TableName(names)}} {
              chain forward {
                type filter hook forward priority -10; policy accept;
                iifname "{{names.OperatorInterface}}" drop
                oifname "{{names.OperatorInterface}}" drop
              }
            }

            """;
        await runner.RunCheckedAsync(
            HostCommand.Of("nft", "-f", "-") with { Stdin = Encoding.UTF8.GetBytes(ruleset) }, cancellationToken);
    }

    public async Task RemoveAsync(LabNames names, CancellationToken cancellationToken)
    {
        if (await ExistsAsync(names, cancellationToken))
        {
            await runner.RunCheckedAsync(cancellationToken, "nft", "delete", "table", "inet", TableName(names));
        }
    }

    private async Task<bool> ExistsAsync(LabNames names, CancellationToken cancellationToken) =>
        (await runner.RunAsync(cancellationToken, "nft", "list", "table", "inet", TableName(names))).Succeeded;
}
