using Kubedos.Engine.Automation;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Model;
using Kubedos.Engine.Planning;
using Kubedos.Engine.Providers;
using Kubedos.Engine.Secrets;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Execution;

public sealed class ProviderSelectionTests
{
    [Fact]
    public async Task Up_ProviderOptionChanged_ReplacesOnTheNamedInstance()
    {
        var other = new FakeProvider();
        using var t = new TestStack(configure: o => o with { Providers = o.Providers.Add("other", other) });
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "1" }));
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "1" }, new ResourceOptions { Provider = "other" }));

        Assert.Empty(t.Provider.Live);
        Assert.Single(other.Live);
        var replace = t.Events.OfType<ResourcePreEvent>().Single(e => e.Metadata.Op == StepKind.Replace);
        Assert.Equal("the resource's provider changed", replace.Metadata.DetailedDiff["provider"].ReplaceReason);
        var state = (await t.Stack.GetCheckpointAsync()).Find(TestStack.UrnOf("a"))!;
        Assert.EndsWith("::other::other", state.Provider, StringComparison.Ordinal);

        // Deleting it later goes to the instance the state names.
        await t.UpAsync(s => { });
        Assert.Empty(other.Live);
    }

    [Fact]
    public async Task Up_UnknownPackage_FailsNamingIt()
    {
        using var t = new TestStack();
        var ex = await Assert.ThrowsAsync<UpdateFailedException>(() => t.UpAsync(s => _ = new CustomResource("nope:index:X", "x", null)));
        Assert.Contains("no provider is registered for package 'nope'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_AdditionalSecretOutputs_AreStoredSecret()
    {
        using var t = new TestStack(secrets: PassphraseSecretsProvider.Create("p"));
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "v" }, new ResourceOptions { AdditionalSecretOutputs = ["serial"] }));
        var state = (await t.Stack.GetCheckpointAsync()).Find(TestStack.UrnOf("a"))!;
        Assert.True(state.Outputs["serial"].IsSecret);
        Assert.False(state.Outputs["value"].IsSecret);
    }

    [Fact]
    public void Registry_DuplicateDefault_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => ProviderRegistry.Of(new FakeProvider(), new FakeProvider()));
    }
}
