using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Providers.Command;
using Kubedos.Providers.Random;
using Kubedos.Providers.Tls;
using Kubedos.Providers.WireGuard;
using Microsoft.Extensions.Time.Testing;
using static Kubedos.Providers.Tests.Tls.ProviderCalls;

namespace Kubedos.Providers.Tests.Command;

/// <summary>Every secret the providers generate stays out of everything they log or return as non-secret.</summary>
public sealed class SecretLeakTests
{
    [Fact]
    public async Task GeneratedSecrets_PassedThroughCommands_NeverAppearInClear()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var random = RandomProvider.Create();
        var tls = TlsProvider.Create(time);
        var wireguard = WireGuardProvider.Create(time);
        var log = new List<string>();
        var command = CommandProvider.Create(log.Add);
        var everything = new List<PropertyMap>();

        var password = await CreateAsync(random, "random:index:RandomPassword", PropertyMap.Of(("length", 20)));
        var bytes = await CreateAsync(random, "random:index:RandomBytes", PropertyMap.Of(("length", 32)));
        var key = await CreateAsync(tls, "tls:index:PrivateKey", PropertyMap.Empty);
        var cert = await CreateAsync(tls, "tls:index:SelfSignedCert", PropertyMap.Of(
            ("privateKeyPem", key.Outputs["privateKeyPem"]),
            ("subject", PropertyMap.Of(("commonName", "leak-test"))),
            ("validityPeriodHours", 24)));
        var wg = await CreateAsync(wireguard, "wireguard:index:KeyPair", PropertyMap.Of(("rotationDays", 30)));
        var psk = await CreateAsync(wireguard, "wireguard:index:PresharedKey", PropertyMap.Empty);
        everything.AddRange([password.Outputs, bytes.Outputs, key.Outputs, cert.Outputs, cert.Inputs, wg.Outputs, psk.Outputs]);

        var secrets = new[]
        {
            Text(password.Outputs, "result"), Text(bytes.Outputs, "base64"), Text(bytes.Outputs, "hex"),
            Text(key.Outputs, "privateKeyPem"), Text(wg.Outputs, "privateKey"), Text(psk.Outputs, "key"),
        };
        var keyBody = Text(key.Outputs, "privateKeyPem").Split('\n')[1];

        // A command that prints every secret, on stdout and stderr, then one that fails doing the same.
        var environment = PropertyMap.Of(
            ("PASSWORD", password.Outputs["result"]),
            ("BYTES", bytes.Outputs["base64"]),
            ("HEX", bytes.Outputs["hex"]),
            ("KEY", key.Outputs["privateKeyPem"]),
            ("WG", wg.Outputs["privateKey"]),
            ("PSK", psk.Outputs["key"]));
        const string PrintAll = "for v in \"$PASSWORD\" \"$BYTES\" \"$HEX\" \"$KEY\" \"$WG\" \"$PSK\"; do printf '%s\\n' \"$v\"; printf 'err %s\\n' \"$v\" >&2; done";
        var ran = await CreateAsync(command, "command:local:Command", PropertyMap.Of(("create", PrintAll), ("environment", environment)));
        everything.Add(ran.Outputs);
        var failure = await Assert.ThrowsAsync<ProviderException>(() => CreateAsync(command, "command:local:Command",
            PropertyMap.Of(("create", PrintAll + "; exit 1"), ("environment", environment))));

        Assert.NotEmpty(log);
        // Outputs that are not marked secret, the log, the error, and even the (secret-marked) command output.
        var printable = everything.SelectMany(PublicStrings).Concat(log).Append(failure.ToString())
            .Append(Text(ran.Outputs, "stdout")).Append(Text(ran.Outputs, "stderr")).ToList();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(printable, p => p.Contains(secret, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(printable, p => p.Contains(keyBody, StringComparison.Ordinal));
        Assert.Contains(log, l => l.Contains(SecretRedactor.Mask, StringComparison.Ordinal));
    }
}
