using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Model;
using Kubedos.Engine.Secrets;
using Kubedos.Engine.Tests.Backends;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Automation;

public sealed class SecretsTests
{
    private const string Plain = "hunter2-plaintext";

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task UpAsync_SecretInputAndOutput_AreEncryptedInStateAndMaskedInEvents(string backend)
    {
        var secrets = PassphraseSecretsProvider.Create("correct horse");
        using var t = new TestStack(secrets: secrets, backend: backend);
        t.Outputs = s => new() { ["password"] = Output.CreateSecret(Plain), ["plain"] = "visible" };
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "x", Password = Output.CreateSecret(Plain) }));

        var stateText = t.StoredState();
        Assert.DoesNotContain(Plain, stateText, StringComparison.Ordinal);
        Assert.Contains(CheckpointSecret.SignatureKey, stateText, StringComparison.Ordinal);
        Assert.Contains("\"secrets_providers\"", stateText, StringComparison.Ordinal);
        var lines = t.Events.Select(EngineEventJson.Serialize).ToList();
        Assert.DoesNotContain(lines, l => l.Contains(Plain, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(EngineEventJson.SecretMask, StringComparison.Ordinal));
        Assert.DoesNotContain(Plain, await t.Stack.ExportAsync(), StringComparison.Ordinal);

        var state = (await t.Stack.GetCheckpointAsync()).Find(TestStack.UrnOf("a"))!;
        Assert.True(state.Inputs["password"].IsSecret);
        Assert.True(state.Outputs["password"].IsSecret);
        Assert.Equal(Plain, state.Outputs["password"].SecretValue.AsString());

        var outputs = await t.Stack.GetOutputsAsync();
        Assert.True(outputs["password"].IsSecret);
        Assert.Equal(Plain, outputs["password"].Value.AsString());
        Assert.Equal("[secret]", outputs["password"].ToString());
        Assert.False(outputs["plain"].IsSecret);
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task UpAsync_SecretValueUnchanged_IsSameOnSecondRun(string backend)
    {
        var secrets = PassphraseSecretsProvider.Create("p");
        using var t = new TestStack(secrets: secrets, backend: backend);
        void Program(Stack s) => _ = new Thing("a", new ThingArgs { Password = Output.CreateSecret(Plain) });
        await t.UpAsync(Program);
        var result = await t.UpAsync(Program);
        Assert.Equal(0, result.Summary.Count("update"));
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task UpAsync_ValueBecomesSecret_IsEncryptedWithoutProviderChange(string backend)
    {
        using var t = new TestStack(secrets: PassphraseSecretsProvider.Create("p"), backend: backend);
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = Plain }));
        Assert.Contains(Plain, t.StoredState(), StringComparison.Ordinal);
        var result = await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = Output.CreateSecret(Plain) }));
        Assert.Equal(0, result.Summary.Count("update"));
        Assert.Equal(0, t.Provider.Count("update"));
        Assert.DoesNotContain(Plain, t.StoredState(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task UpAsync_SecretWithoutSecretsProvider_FailsClearly(string backend)
    {
        using var t = new TestStack(backend: backend);
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => t.UpAsync(s => _ = new Thing("a", new ThingArgs { Password = Output.CreateSecret(Plain) })));
        Assert.Contains("KUBEDOS_CONFIG_PASSPHRASE", ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task ApplyOnSecret_KeepsResultSecret(string backend)
    {
        using var t = new TestStack(secrets: PassphraseSecretsProvider.Create("p"), backend: backend);
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = Output.CreateSecret("s").Apply(v => v + "!") }));
        var state = (await t.Stack.GetCheckpointAsync()).Find(TestStack.UrnOf("a"))!;
        Assert.True(state.Inputs["value"].IsSecret);
        Assert.True(state.Outputs["value"].IsSecret);
    }
}
