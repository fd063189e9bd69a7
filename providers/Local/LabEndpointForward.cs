using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Kubedos.Providers.Local;

/// <summary>
/// The host side of a stable endpoint: an address on the host's loopback (labelled <c>lo:kdep&lt;hash&gt;</c>) and an
/// nftables table (<c>ip kubedos_ep_&lt;hash&gt;</c>) whose output chain forwards the endpoint's TCP ports to the target
/// (DNAT) and whose postrouting chain masquerades what it forwarded, so the target answers the host's address on the
/// target's own plane. The forward rule's comment records the owning state: an endpoint another state made is never adopted,
/// changed or removed. A new target replaces the table's rules in one nftables transaction, so connections move at once.
/// </summary>
/// <remarks>It serves the host itself (where the operator's WireGuard peers are); nothing is forwarded for other machines.</remarks>
internal sealed partial class LabEndpointForward(ICommandRunner runner)
{
    public static string TableName(string name) => $"kubedos_ep_{Hash(name)}";

    public static string AddressLabel(string name) => $"lo:kdep{Hash(name)}";

    /// <summary>The ruleset that makes (or remakes, in one transaction) the endpoint's table.</summary>
    public static string Ruleset(LabEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var table = TableName(endpoint.Name);
        var ports = string.Join(", ", endpoint.Ports.Order().Select(p => p.ToString(CultureInfo.InvariantCulture)));
        return $$"""
            table ip {{table}} {
            }
            flush table ip {{table}}
            table ip {{table}} {
              chain output {
                type nat hook output priority -100; policy accept;
                ip daddr {{endpoint.Address}} tcp dport { {{ports}} } dnat to {{endpoint.Target}} comment "kubedos endpoint {{endpoint.Name}} owner {{endpoint.Owner}}"
              }
              chain postrouting {
                type nat hook postrouting priority 100; policy accept;
                ct original ip daddr {{endpoint.Address}} masquerade
              }
            }

            """;
    }

    /// <summary>Makes the endpoint, or moves it to its new address, ports and target; refuses one another state made.</summary>
    /// <exception cref="LabConflictException">Another state's endpoint has this name, or the address is already on the host for something else.</exception>
    public async Task<LabEndpoint> EnsureAsync(LabEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var existing = await FindAnyAsync(endpoint.Name, cancellationToken);
        if (existing is not null && existing.Owner != endpoint.Owner)
        {
            throw new LabConflictException($"endpoint {endpoint.Name} (nftables table ip {TableName(endpoint.Name)}) belongs to another state (owner {existing.Owner}); this state (owner {endpoint.Owner}) does not touch it");
        }

        var label = AddressLabel(endpoint.Name);
        var addresses = await AddressesAsync(cancellationToken);
        if (addresses.Where(a => a.Address.Equals(endpoint.Address)).Select(a => a.Label).FirstOrDefault() is { } holder && holder != label)
        {
            throw new LabConflictException($"address {endpoint.Address} is already on this host ({holder}); an endpoint needs an address nothing else uses");
        }

        await runner.RunCheckedAsync(HostCommand.Of("nft", "-f", "-") with { Stdin = Encoding.UTF8.GetBytes(Ruleset(endpoint)) }, cancellationToken);
        foreach (var stale in addresses.Where(a => a.Label == label && !a.Address.Equals(endpoint.Address)))
        {
            await runner.RunCheckedAsync(cancellationToken, "ip", "address", "del", $"{stale.Address}/32", "dev", "lo");
        }

        if (!addresses.Any(a => a.Address.Equals(endpoint.Address)))
        {
            await runner.RunCheckedAsync(cancellationToken, "ip", "address", "add", $"{endpoint.Address}/32", "dev", "lo", "label", label);
        }

        return endpoint;
    }

    /// <summary>The endpoint when the state <paramref name="owner"/> made it and its address is on the host, else null.</summary>
    public async Task<LabEndpoint?> FindAsync(string name, string owner, CancellationToken cancellationToken)
    {
        var found = await FindAnyAsync(name, cancellationToken);
        if (found is null || found.Owner != owner)
        {
            return null;
        }

        var label = AddressLabel(name);
        return (await AddressesAsync(cancellationToken)).Any(a => a.Label == label && a.Address.Equals(found.Address)) ? found : null;
    }

    /// <summary>Removes the endpoint's table and address when <paramref name="owner"/> made it; false (nothing touched) when another state did.</summary>
    public async Task<bool> RemoveAsync(string name, string owner, CancellationToken cancellationToken)
    {
        var found = await FindAnyAsync(name, cancellationToken);
        if (found is not null && found.Owner != owner)
        {
            return false;
        }

        if (found is not null)
        {
            await runner.RunCheckedAsync(cancellationToken, "nft", "delete", "table", "ip", TableName(name));
        }

        var label = AddressLabel(name);
        foreach (var address in (await AddressesAsync(cancellationToken)).Where(a => a.Label == label))
        {
            await runner.RunCheckedAsync(cancellationToken, "ip", "address", "del", $"{address.Address}/32", "dev", "lo");
        }

        return true;
    }

    /// <summary>The endpoint the table describes, whoever owns it, or null when there is no such table.</summary>
    internal static LabEndpoint? Parse(string name, string listing)
    {
        var owner = OwnerComment().Match(listing);
        var forward = ForwardRule().Match(listing);
        if (!owner.Success || !forward.Success)
        {
            return null;
        }

        var ports = forward.Groups["ports"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return new LabEndpoint(name, IPAddress.Parse(forward.Groups["address"].Value), ports, IPAddress.Parse(forward.Groups["target"].Value), owner.Groups["owner"].Value);
    }

    private async Task<LabEndpoint?> FindAnyAsync(string name, CancellationToken cancellationToken)
    {
        var listed = await runner.RunAsync(cancellationToken, "nft", "list", "table", "ip", TableName(name));
        if (!listed.Succeeded)
        {
            return null;
        }

        return Parse(name, listed.Stdout)
            ?? throw new LabConflictException($"nftables table ip {TableName(name)} exists but is not an endpoint Kubedos made (no forward rule with an owner comment); remove it by hand only if nothing uses it");
    }

    private async Task<IReadOnlyList<(IPAddress Address, string Label)>> AddressesAsync(CancellationToken cancellationToken)
    {
        var shown = await runner.RunCheckedAsync(cancellationToken, "ip", "-j", "-4", "address", "show");
        return [.. IpJson.Addresses(shown.Stdout)];
    }

    private static string Hash(string name) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];

    [GeneratedRegex("comment \"kubedos endpoint \\S+ owner (?<owner>[a-z0-9-]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex OwnerComment();

    [GeneratedRegex(@"ip daddr (?<address>[0-9.]+) tcp dport (\{ )?(?<ports>[0-9, ]+?)( \})? dnat to (?<target>[0-9.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex ForwardRule();
}
