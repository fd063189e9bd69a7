using System.Text.Json.Nodes;
using Kubedos.Engine.Secrets;

namespace Kubedos.Engine.Tests.Secrets;

public sealed class CheckpointSecretTests
{
    private static readonly PassphraseSecretsProvider Secrets = PassphraseSecretsProvider.FromEncryptionSalt(
        "v1:fozI5u6B030=:v1:F+6ZduKKd8G0/V7L:PGMFeIzwobWRKmEAzUdaQHqC5mMRIQ==", "password");

    [Fact]
    public void Seal_String_HasPulumiSignatureAndNoPlaintext()
    {
        var sealedNode = CheckpointSecret.Seal(Secrets, JsonValue.Create("hunter2"));

        Assert.Equal("1b47061264138c4ac30d75fd1eb44270", sealedNode["4dabf18193072939515e22adb298388d"]!.GetValue<string>());
        Assert.StartsWith("v1:", sealedNode["ciphertext"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", sealedNode.ToJsonString(), StringComparison.Ordinal);
        Assert.True(CheckpointSecret.IsSecret(sealedNode));
    }

    [Fact]
    public void Unseal_ObjectAndNumberAndNull_RoundTripWithTypes()
    {
        var obj = new JsonObject { ["user"] = "admin", ["port"] = 22, ["tags"] = new JsonArray("a", "b") };

        Assert.Equal(obj.ToJsonString(), CheckpointSecret.Unseal(Secrets, CheckpointSecret.Seal(Secrets, obj))!.ToJsonString());
        Assert.Equal(42, CheckpointSecret.Unseal(Secrets, CheckpointSecret.Seal(Secrets, JsonValue.Create(42)))!.GetValue<int>());
        Assert.Null(CheckpointSecret.Unseal(Secrets, CheckpointSecret.Seal(Secrets, null)));
    }

    [Fact]
    public void IsSecret_PlainObjectOrWrongSignature_False()
    {
        Assert.False(CheckpointSecret.IsSecret(new JsonObject { ["ciphertext"] = "v1:a:b" }));
        Assert.False(CheckpointSecret.IsSecret(new JsonObject { [CheckpointSecret.SignatureKey] = "other" }));
        Assert.False(CheckpointSecret.IsSecret(JsonValue.Create("text")));
        Assert.Null(CheckpointSecret.CiphertextOf(null));
    }

    [Fact]
    public void Unseal_NotASecret_Throws()
    {
        Assert.Throws<SecretsException>(() => CheckpointSecret.Unseal(Secrets, new JsonObject { ["a"] = 1 }));
    }
}
