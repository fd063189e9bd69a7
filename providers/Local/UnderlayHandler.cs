using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;

namespace Kubedos.Providers.Local;

/// <summary>Inputs of <c>local:lab:Underlay</c>.</summary>
/// <param name="Cidr">The underlay's IPv4 CIDR; null takes 10.250.X.0/24 from the stack's hash.</param>
/// <param name="FallbackCidrs">The planes' CIDRs, which get an on-host unreachable fallback too.</param>
/// <param name="Stack">The lab's stack; null takes the URN's stack.</param>
/// <param name="LabOwner">The id of the state making the lab (<see cref="Local.LabOwner.Id"/>); required, null only in a state recorded before lab owners.</param>
/// <param name="LabOwnerProject">The project directory of that state, named when another state meets the lab.</param>
internal sealed record UnderlayInputs(
    [property: ReplaceOnChange("node addresses live in the underlay CIDR")] string? Cidr = null,
    IReadOnlyList<string>? FallbackCidrs = null,
    [property: ReplaceOnChange("the underlay's names derive from its stack")] string? Stack = null,
    string? LabOwner = null,
    string? LabOwnerProject = null);

/// <summary>Outputs of <c>local:lab:Underlay</c>.</summary>
internal sealed record UnderlayOutputs(
    string Stack,
    string SwitchNamespace,
    string Cidr,
    string OperatorInterface,
    string OperatorAddress,
    IReadOnlyList<string> FallbackCidrs,
    int FallbackMetric,
    string? LabOwner = null);

/// <summary><c>local:lab:Underlay</c>: a stack's switch, operator link and on-host fallback routes.</summary>
internal sealed class UnderlayHandler(LocalLab lab) : ResourceHandler<UnderlayInputs, UnderlayOutputs>
{
    public override string Type => "local:lab:Underlay";

    protected override bool UpdatesInPlace => true;

    protected override IEnumerable<CheckFailure> Validate(UnderlayInputs inputs)
    {
        foreach (var failure in LabFailures.Label("stack", inputs.Stack).Concat(LabFailures.Owner(inputs.LabOwner)))
        {
            yield return failure;
        }

        if (string.IsNullOrWhiteSpace(inputs.LabOwnerProject))
        {
            yield return new CheckFailure("labOwnerProject", "must name the project directory of the state that makes the lab");
        }

        if (inputs.Cidr is not null)
        {
            if (!Ipv4.TryParseNetwork(inputs.Cidr, out var cidr) || cidr.PrefixLength is < 8 or > 29)
            {
                yield return new CheckFailure("cidr", $"'{inputs.Cidr}' must be an IPv4 network in canonical CIDR notation with a prefix from /8 to /29, e.g. 10.250.7.0/24");
            }
            else if (Ipv4.SpecialPurposeRange(cidr) is { } special)
            {
                yield return new CheckFailure("cidr", $"'{inputs.Cidr}' lies in {special}, which cannot carry an underlay");
            }
        }

        foreach (var (text, index) in (inputs.FallbackCidrs ?? []).Select((c, i) => (c, i)))
        {
            if (!Ipv4.TryParseNetwork(text, out var fallback))
            {
                yield return new CheckFailure($"fallbackCidrs[{index}]", $"'{text}' is not an IPv4 network in canonical CIDR notation (a.b.c.d/n, decimal, no leading zeros)");
            }
            else if (Ipv4.SpecialPurposeRange(fallback) is { } special)
            {
                // An unreachable route for it would break the host's own loopback, link-local or multicast traffic.
                yield return new CheckFailure($"fallbackCidrs[{index}]", $"'{text}' lies in {special}; no fallback route is installed for it");
            }
        }
    }

    protected override DiffResponse Diff(DiffRequest request) => LabFailures.DeleteFirst(base.Diff(request));

    protected override async Task<LiveResource<UnderlayOutputs>> CreateAsync(Urn urn, UnderlayInputs inputs, CancellationToken cancellationToken)
    {
        var outputs = await EnsureAsync(urn, inputs, takeOverUnowned: false, cancellationToken);
        return new LiveResource<UnderlayOutputs>(outputs.SwitchNamespace, outputs);
    }

    protected override Task<UnderlayOutputs> UpdateAsync(
        Urn urn, string id, UnderlayInputs oldInputs, UnderlayOutputs oldOutputs, UnderlayInputs newInputs, CancellationToken cancellationToken) =>
        EnsureAsync(urn, newInputs, takeOverUnowned: oldInputs.LabOwner is null, cancellationToken);

    protected override Task<LiveResource<UnderlayOutputs>?> ReadAsync(
        Urn urn, string? id, UnderlayInputs inputs, UnderlayOutputs? outputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, null, async () =>
        {
            // A lab of another state is not this resource: it reads as gone.
            var found = await lab.FindUnderlayAsync(outputs?.Stack ?? LabFailures.StackOf(urn, inputs.Stack), inputs.LabOwner, cancellationToken);
            return found is null ? null : new LiveResource<UnderlayOutputs>(found.SwitchNamespace, ToOutputs(found, inputs.LabOwner));
        });

    protected override Task DeleteAsync(Urn urn, string id, UnderlayInputs inputs, UnderlayOutputs outputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, null, async () =>
        {
            // A lab of another state with this stack name is not this resource: it is left alone.
            await lab.RemoveUnderlayAsync(outputs.Stack, inputs.LabOwner, cancellationToken);
            return true;
        });

    // takeOverUnowned: the state recorded this underlay before lab owners existed, so its lab has no owner file yet.
    private Task<UnderlayOutputs> EnsureAsync(Urn urn, UnderlayInputs inputs, bool takeOverUnowned, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, "cidr", async () =>
        {
            var owner = inputs.LabOwner is { } id
                ? new LabOwner(id, inputs.LabOwnerProject ?? "(unknown project)")
                : throw new ProviderException(urn, "labOwner", "the underlay needs the id of the state that makes it");
            var spec = new UnderlaySpec(
                LabFailures.StackOf(urn, inputs.Stack),
                inputs.Cidr is null ? null : Ipv4.ParseNetwork(inputs.Cidr),
                (inputs.FallbackCidrs ?? []).Select(Ipv4.ParseNetwork).ToArray(),
                owner,
                takeOverUnowned);
            return ToOutputs(await lab.EnsureUnderlayAsync(spec, cancellationToken), owner.Id);
        });

    private static UnderlayOutputs ToOutputs(Underlay underlay, string? owner) => new(
        underlay.Stack,
        underlay.SwitchNamespace,
        underlay.Cidr.ToString(),
        underlay.OperatorInterface,
        underlay.OperatorAddress.ToString(),
        underlay.FallbackCidrs.Select(c => c.ToString()).ToArray(),
        underlay.FallbackMetric,
        owner);
}
