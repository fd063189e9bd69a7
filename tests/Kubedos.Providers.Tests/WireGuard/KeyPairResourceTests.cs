using System.Diagnostics;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Config;
using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Engine.Secrets;
using Kubedos.Providers.WireGuard;
using Kubedos.Testing;

namespace Kubedos.Providers.Tests.WireGuard;

/// <summary>The SDK classes (<see cref="KeyPair"/>, <see cref="PresharedKey"/>) through a real stack.</summary>
public sealed class KeyPairResourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubedos-wgsdk-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [LabFact("wg")]
    public async Task Up_KeyPairs_PublicKeysEqualWgPubkeyAndPrivateKeysStayOutOfState()
    {
        ProjectFile.Create("wgsdk", "dotnet").Save(Path.Combine(_dir, ProjectFile.FileName));
        var workspace = Workspace.Create(new WorkspaceOptions
        {
            WorkDir = _dir,
            Providers = ProviderRegistry.Of(WireGuardProvider.Create(TimeProvider.System)),
            Program = StackProgram.Create(_ =>
            {
                var outputs = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var plane in new[] { "wg1", "wg2", "wg3" })
                {
                    var key = new KeyPair($"cp-1-{plane}", new KeyPairArgs { RotationDays = 30, Keepers = new Dictionary<string, Input<string>> { ["plane"] = plane } });
                    outputs[$"{plane}-private"] = key.PrivateKey;
                    outputs[$"{plane}-public"] = key.PublicKey;
                    outputs[$"{plane}-rotate"] = key.RotateAfter.Apply(r => r?.ToString("O") ?? "never");
                }

                outputs["psk"] = new PresharedKey("cp-1-cp-2").Key;
                return outputs;
            }),
            Passphrase = PassphraseSource.FromPassphrase("wg-sdk-test"),
            Environment = _ => null,
        });
        var stack = await workspace.CreateStackAsync("dev");

        var result = await stack.UpAsync();

        var state = string.Concat(Directory.EnumerateFiles(Path.Combine(_dir, ".kubedos"), "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        foreach (var plane in new[] { "wg1", "wg2", "wg3" })
        {
            var privateKey = result.Outputs[$"{plane}-private"];
            Assert.True(privateKey.IsSecret);
            Assert.Equal(WgPubkey(privateKey.Value.WithoutSecrets().AsString()), result.Outputs[$"{plane}-public"].Value.AsString());
            Assert.DoesNotContain(privateKey.Value.WithoutSecrets().AsString(), state, StringComparison.Ordinal);
            var rotate = DateTimeOffset.Parse(result.Outputs[$"{plane}-rotate"].Value.AsString(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(rotate - DateTimeOffset.UtcNow, TimeSpan.FromDays(29), TimeSpan.FromDays(30));
        }

        Assert.True(result.Outputs["psk"].IsSecret);
        Assert.DoesNotContain(result.Outputs["psk"].Value.WithoutSecrets().AsString(), state, StringComparison.Ordinal);
    }

    private static string WgPubkey(string privateKey)
    {
        var start = new ProcessStartInfo("wg", "pubkey") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(privateKey + "\n");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        return output;
    }
}
