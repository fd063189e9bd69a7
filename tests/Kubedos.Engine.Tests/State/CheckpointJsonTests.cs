using System.Text;
using Kubedos.Engine.Model;
using Kubedos.Engine.Secrets;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Tests.State;

public sealed class CheckpointJsonTests
{
    private static readonly Urn A = Urn.Create("dev", "p", string.Empty, "t:i:T", "a");

    private static Checkpoint Sample() => new(
        CheckpointManifest.At(DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture)),
        null,
        [new ResourceState(A, "t:i:T", Custom: true)
        {
            Id = "id-1",
            Inputs = PropertyMap.Of(("s", "x"), ("n", 1.5), ("b", true), ("l", PropertyValue.Array("a", PropertyValue.Null)), ("o", PropertyMap.Of(("k", "v"))), ("secret", PropertyValue.Secret("shh"))),
            Outputs = PropertyMap.Of(("out", "y")),
            Protect = true,
            RetainOnDelete = true,
            CustomTimeouts = new CustomTimeouts(Create: TimeSpan.FromSeconds(30)),
            IgnoreChanges = ["s"],
            Provider = "urn:pulumi:dev::p::pulumi:providers:t::default::default",
        }],
        [new PendingOperation(new ResourceState(A, "t:i:T", Custom: true), PendingOperationKind.Creating)]);

    [Fact]
    public void StackFile_RoundTrip_KeepsEveryField()
    {
        var json = new CheckpointJson(PassphraseSecretsProvider.Create("p"));
        var bytes = json.SerializeStackFile("dev", Sample());
        var back = json.DeserializeStackFile(bytes, "test");
        var r = back.Resources.Single();
        var original = Sample().Resources.Single();
        Assert.Equal(original.Inputs, r.Inputs);
        Assert.Equal(original.Outputs, r.Outputs);
        Assert.Equal(original with { Inputs = r.Inputs, Outputs = r.Outputs, IgnoreChanges = r.IgnoreChanges, Dependencies = r.Dependencies, ReplaceOnChanges = r.ReplaceOnChanges, AdditionalSecretOutputs = r.AdditionalSecretOutputs, PropertyDependencies = r.PropertyDependencies }, r);
        Assert.Equal(["s"], r.IgnoreChanges.ToArray());
        Assert.Equal(PendingOperationKind.Creating, back.PendingOperations.Single().Kind);
        Assert.DoesNotContain("shh", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void StackFile_Shape_IsPulumiDeploymentV3()
    {
        var text = Encoding.UTF8.GetString(new CheckpointJson(PassphraseSecretsProvider.Create("p")).SerializeStackFile("dev", Sample()));
        using var doc = System.Text.Json.JsonDocument.Parse(text);
        var latest = doc.RootElement.GetProperty("checkpoint").GetProperty("latest");
        Assert.Equal(3, doc.RootElement.GetProperty("version").GetInt32());
        Assert.Equal("dev", doc.RootElement.GetProperty("checkpoint").GetProperty("stack").GetString());
        var resource = latest.GetProperty("resources")[0];
        foreach (var field in new[] { "urn", "custom", "id", "type", "inputs", "outputs", "protect", "retainOnDelete", "provider", "customTimeouts" })
        {
            Assert.True(resource.TryGetProperty(field, out _), field);
        }

        Assert.Equal("creating", latest.GetProperty("pending_operations")[0].GetProperty("type").GetString());
        Assert.Equal(CheckpointSecret.SecretSignature, resource.GetProperty("inputs").GetProperty("secret").GetProperty(CheckpointSecret.SignatureKey).GetString());
    }

    [Fact]
    public void Deserialize_WrongPassphrase_Fails()
    {
        var bytes = new CheckpointJson(PassphraseSecretsProvider.Create("right")).SerializeStackFile("dev", Sample());
        Assert.ThrowsAny<Exception>(() => new CheckpointJson(PassphraseSecretsProvider.Create("wrong")).DeserializeStackFile(bytes, "test"));
    }

    [Fact]
    public void Deserialize_OtherVersion_FailsNamingFile()
    {
        var ex = Assert.Throws<StateException>(() => new CheckpointJson(null).DeserializeStackFile("""{"version": 2, "checkpoint": {}}"""u8, "x.json"));
        Assert.Contains("x.json", ex.Message, StringComparison.Ordinal);
    }
}
