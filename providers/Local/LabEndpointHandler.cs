using System.Net;
using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;

namespace Kubedos.Providers.Local;

/// <summary>Inputs of <c>local:lab:Endpoint</c>.</summary>
internal sealed record LabEndpointInputs(
    [property: ReplaceOnChange("the endpoint's host names derive from its name")] string Name,
    string Address,
    IReadOnlyList<int> Ports,
    string Target,
    string Serves,
    [property: ReplaceOnChange("an endpoint belongs to the state that made it")] string LabOwner);

/// <summary>Outputs of <c>local:lab:Endpoint</c>.</summary>
internal sealed record LabEndpointOutputs(string Name, string Address, IReadOnlyList<int> Ports, string Target, string Serves, string Table, string LabOwner);

/// <summary><c>local:lab:Endpoint</c>: the host's stable address forwarded to the active colour (<see cref="LabEndpointForward"/>).</summary>
internal sealed class LabEndpointHandler(LabEndpointForward forward) : ResourceHandler<LabEndpointInputs, LabEndpointOutputs>
{
    public LabEndpointHandler(LocalLab lab)
        : this(new LabEndpointForward(lab.Runner))
    {
    }

    public override string Type => LabEndpointResource.TypeToken;

    protected override bool UpdatesInPlace => true;

    protected override IEnumerable<CheckFailure> Validate(LabEndpointInputs inputs)
    {
        foreach (var failure in LabFailures.Label("name", inputs.Name).Concat(LabFailures.Owner(inputs.LabOwner)))
        {
            yield return failure;
        }

        if (!Ipv4.TryParseAddress(inputs.Address, out var address))
        {
            yield return new CheckFailure("address", $"'{inputs.Address}' is not an IPv4 address (a.b.c.d)");
        }
        else if (Ipv4.SpecialPurposeRange(new IPNetwork(address, 32)) is { } special)
        {
            yield return new CheckFailure("address", $"'{inputs.Address}' lies in {special}, which cannot carry an endpoint");
        }

        if (!Ipv4.TryParseAddress(inputs.Target, out _))
        {
            yield return new CheckFailure("target", $"'{inputs.Target}' is not an IPv4 address (a.b.c.d)");
        }

        if (inputs.Ports.Count == 0)
        {
            yield return new CheckFailure("ports", "an endpoint forwards at least one TCP port");
        }

        foreach (var (port, index) in inputs.Ports.Select((p, i) => (p, i)).Where(p => p.p is < 1 or > 65535))
        {
            yield return new CheckFailure($"ports[{index}]", $"{port} is not a TCP port (1 to 65535)");
        }

        if (inputs.Ports.Distinct().Count() != inputs.Ports.Count)
        {
            yield return new CheckFailure("ports", $"names a port twice ({string.Join(", ", inputs.Ports)})");
        }
    }

    protected override async Task<LiveResource<LabEndpointOutputs>> CreateAsync(Urn urn, LabEndpointInputs inputs, CancellationToken cancellationToken)
    {
        var outputs = await EnsureAsync(urn, inputs, cancellationToken);
        return new LiveResource<LabEndpointOutputs>(outputs.Table, outputs);
    }

    protected override Task<LabEndpointOutputs> UpdateAsync(
        Urn urn, string id, LabEndpointInputs oldInputs, LabEndpointOutputs oldOutputs, LabEndpointInputs newInputs, CancellationToken cancellationToken) =>
        EnsureAsync(urn, newInputs, cancellationToken);

    protected override Task<LiveResource<LabEndpointOutputs>?> ReadAsync(
        Urn urn, string? id, LabEndpointInputs inputs, LabEndpointOutputs? outputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, null, async () =>
        {
            // Another state's endpoint of this name is not this resource: it reads as gone.
            var found = await forward.FindAsync(inputs.Name, inputs.LabOwner, cancellationToken);
            return found is null ? null : new LiveResource<LabEndpointOutputs>(LabEndpointForward.TableName(found.Name), ToOutputs(found, outputs?.Serves ?? inputs.Serves));
        });

    protected override Task DeleteAsync(Urn urn, string id, LabEndpointInputs inputs, LabEndpointOutputs outputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, null, async () => await forward.RemoveAsync(inputs.Name, inputs.LabOwner, cancellationToken));

    private Task<LabEndpointOutputs> EnsureAsync(Urn urn, LabEndpointInputs inputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, "address", async () => ToOutputs(
            await forward.EnsureAsync(new LabEndpoint(inputs.Name, Ipv4.ParseAddress(inputs.Address), inputs.Ports, Ipv4.ParseAddress(inputs.Target), inputs.LabOwner), cancellationToken),
            inputs.Serves));

    private static LabEndpointOutputs ToOutputs(LabEndpoint endpoint, string serves) =>
        new(endpoint.Name, endpoint.Address.ToString(), [.. endpoint.Ports.Order()], endpoint.Target.ToString(), serves, LabEndpointForward.TableName(endpoint.Name), endpoint.Owner);
}
