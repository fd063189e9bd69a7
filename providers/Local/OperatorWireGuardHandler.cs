using System.Text;
using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;

namespace Kubedos.Providers.Local;

/// <summary>A peer of the operator's interface: a node's public key, underlay endpoint and plane address.</summary>
internal sealed record OperatorPeerInputs(string PublicKey, string Endpoint, IReadOnlyList<string> AllowedIps);

/// <summary>Inputs of <c>local:lab:OperatorWireGuard</c>.</summary>
/// <param name="Address">The operator's plane address with its prefix, e.g. 10.101.0.254/24.</param>
/// <param name="PrivateKey">The operator's wg private key (pass a secret output).</param>
/// <param name="Peers">Every node of the plane.</param>
/// <param name="Stack">The lab's stack; null takes the URN's stack.</param>
/// <param name="LabOwner">The id of the state that owns the lab (the underlay's <c>labOwner</c>); required, null only in a state recorded before lab owners.</param>
internal sealed record OperatorWireGuardInputs(
    string Address,
    string PrivateKey,
    IReadOnlyList<OperatorPeerInputs> Peers,
    [property: ReplaceOnChange("the interface name derives from the stack")] string? Stack = null,
    string? LabOwner = null);

/// <summary>Outputs of <c>local:lab:OperatorWireGuard</c>.</summary>
internal sealed record OperatorWireGuardOutputs(string Stack, string Name, string Address, string Implementation);

/// <summary>
/// <c>local:lab:OperatorWireGuard</c>: the host's own peer on a node plane (root namespace, named
/// <c>kdw</c> + the stack hash), so the engine reaches nodes over that plane exactly as an operator's
/// workstation would. Kernel WireGuard where present, a <c>wireguard-go</c> daemon otherwise; deleting
/// the link ends the daemon and its socket.
/// </summary>
internal sealed class OperatorWireGuardHandler(LocalLab lab) : ResourceHandler<OperatorWireGuardInputs, OperatorWireGuardOutputs>
{
    private readonly ICommandRunner runner = lab.Runner;

    public override string Type => "local:lab:OperatorWireGuard";

    protected override bool UpdatesInPlace => true;

    public static string InterfaceName(string stack) => $"kdw{LabNames.For(stack).StackHash}";

    protected override IEnumerable<CheckFailure> Validate(OperatorWireGuardInputs inputs)
    {
        if (!Ipv4.TryParseInterfaceAddress(inputs.Address, out _, out _))
        {
            yield return new CheckFailure("address", $"'{inputs.Address}' must be a canonical IPv4 address with its prefix, e.g. 10.101.0.254/24");
        }

        foreach (var failure in LabFailures.Label("stack", inputs.Stack).Concat(LabFailures.Owner(inputs.LabOwner)))
        {
            yield return failure;
        }
    }

    protected override DiffResponse Diff(DiffRequest request) => base.Diff(LabFailures.OwnerFirstRecorded(request));

    protected override async Task<LiveResource<OperatorWireGuardOutputs>> CreateAsync(Urn urn, OperatorWireGuardInputs inputs, CancellationToken cancellationToken)
    {
        var outputs = await EnsureAsync(urn, inputs, cancellationToken);
        return new LiveResource<OperatorWireGuardOutputs>(outputs.Name, outputs);
    }

    protected override Task<OperatorWireGuardOutputs> UpdateAsync(
        Urn urn, string id, OperatorWireGuardInputs oldInputs, OperatorWireGuardOutputs oldOutputs, OperatorWireGuardInputs newInputs, CancellationToken cancellationToken) =>
        EnsureAsync(urn, newInputs, cancellationToken);

    protected override Task<LiveResource<OperatorWireGuardOutputs>?> ReadAsync(
        Urn urn, string? id, OperatorWireGuardInputs inputs, OperatorWireGuardOutputs? outputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, null, async () =>
        {
            var stack = outputs?.Stack ?? LabFailures.StackOf(urn, inputs.Stack);
            var name = InterfaceName(stack);

            // The operator link of another state's lab is not this resource: it reads as gone.
            return await lab.FindUnderlayAsync(stack, inputs.LabOwner, cancellationToken) is not null && await ExistsAsync(name, cancellationToken)
                ? new LiveResource<OperatorWireGuardOutputs>(name, outputs ?? new OperatorWireGuardOutputs(stack, name, inputs.Address, "unknown"))
                : null;
        });

    protected override Task DeleteAsync(Urn urn, string id, OperatorWireGuardInputs inputs, OperatorWireGuardOutputs outputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, null, async () =>
        {
            if (!await lab.OwnsAsync(outputs.Stack, inputs.LabOwner, cancellationToken))
            {
                // The link of another state's lab with this stack name is not this resource: it is left alone.
                return true;
            }

            if (await ExistsAsync(outputs.Name, cancellationToken))
            {
                await runner.RunCheckedAsync(cancellationToken, "ip", "link", "del", outputs.Name);
            }

            // wireguard-go removes its socket as it exits; one left by a killed daemon goes too.
            for (var i = 0; i < 50 && File.Exists(SocketPath(outputs.Name)); i++)
            {
                await Task.Delay(20, cancellationToken);
            }

            File.Delete(SocketPath(outputs.Name));
            return true;
        });

    private static string SocketPath(string name) => $"/var/run/wireguard/{name}.sock";

    private async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken) =>
        (await runner.RunAsync(cancellationToken, "ip", "link", "show", "dev", name)).Succeeded;

    private Task<OperatorWireGuardOutputs> EnsureAsync(Urn urn, OperatorWireGuardInputs inputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, "address", async () =>
        {
            var stack = LabFailures.StackOf(urn, inputs.Stack);
            await lab.RequireOwnerAsync(stack, inputs.LabOwner ?? throw new ProviderException(urn, "labOwner", "the operator link needs the id of the state that owns its lab"), $"operator link of stack {stack}", cancellationToken);
            var name = InterfaceName(stack);
            var implementation = "Kernel";
            if (!await ExistsAsync(name, cancellationToken)
                && !(await runner.RunAsync(cancellationToken, "ip", "link", "add", name, "type", "wireguard")).Succeeded)
            {
                implementation = "Userspace";
                await runner.RunCheckedAsync(cancellationToken, "wireguard-go", name);
            }

            // The configuration (with the private key) reaches wg on stdin, never a file or argv.
            await runner.RunCheckedAsync(
                new HostCommand("wg", ["setconf", name, "/dev/stdin"]) { Stdin = Encoding.UTF8.GetBytes(Render(inputs)) }, cancellationToken);
            await runner.RunCheckedAsync(cancellationToken, "ip", "address", "replace", inputs.Address, "dev", name);
            await runner.RunCheckedAsync(cancellationToken, "ip", "link", "set", name, "up");
            return new OperatorWireGuardOutputs(stack, name, inputs.Address, implementation);
        });

    private static string Render(OperatorWireGuardInputs inputs)
    {
        var text = new StringBuilder("[Interface]\nPrivateKey = ").Append(inputs.PrivateKey).Append('\n');
        foreach (var peer in inputs.Peers)
        {
            text.Append("\n[Peer]\nPublicKey = ").Append(peer.PublicKey).Append('\n')
                .Append("AllowedIPs = ").Append(string.Join(", ", peer.AllowedIps)).Append('\n')
                .Append("Endpoint = ").Append(peer.Endpoint).Append('\n')
                .Append("PersistentKeepalive = 25\n");
        }

        return text.ToString();
    }
}
