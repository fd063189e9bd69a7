using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Providers.WireGuard;
using Microsoft.Extensions.Time.Testing;
using static Kubedos.Providers.Tests.Tls.ProviderCalls;

namespace Kubedos.Providers.Tests.WireGuard;

public sealed class WireGuardProviderTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task KeyPair_Create_PrivateKeySecretPublicKeyDerived()
    {
        var created = await CreateAsync(WireGuardProvider.Create(_time), "wireguard:index:KeyPair", PropertyMap.Of(("rotationDays", 30)));

        Assert.True(created.Outputs["privateKey"].IsSecret);
        Assert.Equal(WireGuardKey.PublicKeyOf(Text(created.Outputs, "privateKey")), Text(created.Outputs, "publicKey"));
        Assert.Equal("2026-12-23T12:00:00.0000000+00:00", Text(created.Outputs, "rotateAfter"));
        Assert.DoesNotContain(Text(created.Outputs, "privateKey"), PublicStrings(created.Outputs));
    }

    [Fact]
    public async Task KeyPair_OlderThanRotationPeriod_DiffRequiresReplacement()
    {
        var provider = WireGuardProvider.Create(_time);
        var inputs = PropertyMap.Of(("rotationDays", 30));
        var created = await CreateAsync(provider, "wireguard:index:KeyPair", inputs);

        _time.Advance(TimeSpan.FromDays(29));
        var young = await DiffAsync(provider, "wireguard:index:KeyPair", created, inputs);
        _time.Advance(TimeSpan.FromDays(1));
        var due = await DiffAsync(provider, "wireguard:index:KeyPair", created, inputs);

        Assert.Equal(DiffChanges.None, young.Changes);
        var reason = Assert.Single(due.ReplaceKeys);
        Assert.Equal("rotateAfter", reason.Property);
    }

    [Fact]
    public async Task KeyPair_NoRotationPeriod_NeverDue()
    {
        var provider = WireGuardProvider.Create(_time);
        var created = await CreateAsync(provider, "wireguard:index:KeyPair", PropertyMap.Empty);

        _time.Advance(TimeSpan.FromDays(3650));
        var diff = await DiffAsync(provider, "wireguard:index:KeyPair", created, PropertyMap.Empty);

        Assert.Equal(DiffChanges.None, diff.Changes);
    }

    [Fact]
    public async Task KeyPair_RotationPeriodChanged_UpdatesScheduleKeepingKey()
    {
        var provider = WireGuardProvider.Create(_time);
        var created = await CreateAsync(provider, "wireguard:index:KeyPair", PropertyMap.Of(("rotationDays", 30)));
        var newInputs = PropertyMap.Of(("rotationDays", 7));
        var urn = UrnOf("wireguard:index:KeyPair", "r");

        var diff = await DiffAsync(provider, "wireguard:index:KeyPair", created, newInputs);
        var updated = await provider.UpdateAsync(
            new UpdateRequest(urn, "wireguard:index:KeyPair", created.Id, created.Inputs, created.Outputs, newInputs, Preview: false), CancellationToken.None);

        Assert.Equal(DiffChanges.Some, diff.Changes);
        Assert.False(diff.RequiresReplace);
        Assert.Equal(Text(created.Outputs, "privateKey"), Text(updated.Outputs, "privateKey"));
        Assert.True(updated.Outputs["privateKey"].IsSecret);
        Assert.Equal("2026-11-30T12:00:00.0000000+00:00", Text(updated.Outputs, "rotateAfter"));
    }

    [Fact]
    public async Task PresharedKey_Create_Is32SecretBytes()
    {
        var created = await CreateAsync(WireGuardProvider.Create(_time), "wireguard:index:PresharedKey", PropertyMap.Empty);

        Assert.True(created.Outputs["key"].IsSecret);
        Assert.True(WireGuardKey.IsWellFormed(Text(created.Outputs, "key")));
    }
}
