using Kubedos.Engine.Model;
using Kubedos.Engine.Policy;
using Kubedos.Policies;

namespace Kubedos.Infra.Tests.Policies;

public sealed class SecretsEncryptedPolicyTests
{
    private const string Pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----\n";

    [Fact]
    public void Evaluate_SecretsWrappedAsSecrets_Pass()
    {
        using var h = new PolicyHarness();
        var r = PolicyHarness.Resource("local:lab:File", "key", PropertyMap.Of(
            ("content", PropertyValue.Secret(Pem)), ("joinToken", PropertyValue.Secret("k8s-join-0123456789")), ("publicKey", "ssh-ed25519 AAAAC3Nza"),
            ("tokenTtlMinutes", "30"), ("passwordFile", "/run/secrets/pw")));
        Assert.Empty(h.Of(h.EvaluatePlan([r], [PolicyHarness.Create(r)]), SecretsEncryptedPolicy.Id));
    }

    [Fact]
    public void Evaluate_PlainKeyMaterialAndToken_AreMandatoryAtTheResourcesLine()
    {
        using var h = new PolicyHarness();
        var at = h.Locate(h.InventoryPath("w-1"));
        var r = PolicyHarness.Resource("local:lab:File", "key", PropertyMap.Of(
            ("content", Pem), ("env", PropertyMap.Of(("JOIN_TOKEN", "k8s-join-0123456789"))), ("users", PropertyValue.Array((PropertyValue)PropertyMap.Of(("password", "hunter2hunter2"))))), at);

        var violations = h.Of(h.EvaluatePlan([r], [PolicyHarness.Create(r)]), SecretsEncryptedPolicy.Id);

        Assert.Equal(["content", "env.JOIN_TOKEN", "users[0].password"], violations.Select(v => v.Message.Split(' ')[1]));
        Assert.All(violations, v =>
        {
            Assert.Equal(EnforcementLevel.Mandatory, v.EnforcementLevel);
            Assert.EndsWith("holds a key, token or password in plain text; pass it as a secret (Output.CreateSecret, [Secret], or a secure: config value)", v.Message, StringComparison.Ordinal);
            Assert.Equal(h.LineOf("name: w-1"), v.Source!.Line);
        });
    }
}
