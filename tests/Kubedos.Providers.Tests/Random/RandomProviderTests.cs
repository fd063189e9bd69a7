using Kubedos.Engine.Model;
using Kubedos.Providers.Random;
using static Kubedos.Providers.Tests.Tls.ProviderCalls;

namespace Kubedos.Providers.Tests.Random;

public sealed class RandomProviderTests
{
    [Fact]
    public async Task RandomPassword_Create_ResultIsSecretAndMeetsPolicy()
    {
        var created = await CreateAsync(RandomProvider.Create(), "random:index:RandomPassword",
            PropertyMap.Of(("length", 24), ("minNumeric", 4), ("special", false)));

        Assert.True(created.Outputs["result"].IsSecret);
        var password = Text(created.Outputs, "result");
        Assert.Equal(24, password.Length);
        Assert.True(password.Count(char.IsAsciiDigit) >= 4);
        Assert.All(password, c => Assert.True(char.IsAsciiLetterOrDigit(c)));
        Assert.DoesNotContain(password, PublicStrings(created.Outputs));
    }

    [Fact]
    public async Task RandomPassword_KeepersChanged_DiffRequiresReplacementNamingKeepers()
    {
        var provider = RandomProvider.Create();
        var inputs = PropertyMap.Of(("length", 16), ("keepers", PropertyMap.Of(("node", "node-1"))));
        var created = await CreateAsync(provider, "random:index:RandomPassword", inputs);

        var same = await DiffAsync(provider, "random:index:RandomPassword", created, inputs);
        var changed = await DiffAsync(provider, "random:index:RandomPassword", created, inputs.Set("keepers", PropertyMap.Of(("node", "node-2"))));

        Assert.False(same.RequiresReplace);
        var reason = Assert.Single(changed.ReplaceKeys);
        Assert.Equal("keepers", reason.Property);
        Assert.Contains("keepers changed", reason.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RandomPassword_ImpossiblePolicy_FailsCheckNamingLength()
    {
        var failures = await CheckFailuresAsync(RandomProvider.Create(), "random:index:RandomPassword",
            PropertyMap.Of(("length", 2), ("minUpper", 2), ("minLower", 2)));

        Assert.Contains(failures, f => f.Property == "length");
    }

    [Fact]
    public async Task RandomBytes_Create_BothEncodingsSecretAndOfSameBytes()
    {
        var created = await CreateAsync(RandomProvider.Create(), "random:index:RandomBytes", PropertyMap.Of(("length", 32)));

        Assert.True(created.Outputs["base64"].IsSecret);
        Assert.True(created.Outputs["hex"].IsSecret);
        var bytes = Convert.FromBase64String(Text(created.Outputs, "base64"));
        Assert.Equal(32, bytes.Length);
        Assert.Equal(Convert.ToHexStringLower(bytes), Text(created.Outputs, "hex"));
        Assert.Empty(PublicStrings(created.Outputs));
    }

    [Fact]
    public async Task RandomId_Create_EncodingsAgreeAndCarryPrefix()
    {
        var created = await CreateAsync(RandomProvider.Create(), "random:index:RandomId",
            PropertyMap.Of(("byteLength", 8), ("prefix", "lab-")));

        var hex = Text(created.Outputs, "hex");
        Assert.StartsWith("lab-", hex, StringComparison.Ordinal);
        Assert.Equal(4 + 16, hex.Length);
        var fromB64 = Convert.FromBase64String(Text(created.Outputs, "b64Std")[4..]);
        Assert.Equal(hex[4..], Convert.ToHexStringLower(fromB64));
        Assert.Equal(Text(created.Outputs, "b64Url"), created.Id);
    }

    [Fact]
    public async Task RandomPassword_Read_ReturnsRecordedValue()
    {
        var provider = RandomProvider.Create();
        var created = await CreateAsync(provider, "random:index:RandomPassword", PropertyMap.Of(("length", 12)));
        var urn = UrnOf("random:index:RandomPassword", "r");

        var read = await provider.ReadAsync(
            new Engine.Providers.ReadRequest(urn, "random:index:RandomPassword", created.Id, created.Inputs, created.Outputs), CancellationToken.None);

        Assert.Equal(created.Id, read.Id);
        Assert.Equal(created.Outputs, read.Outputs);
    }
}
