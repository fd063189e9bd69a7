using Kubedos.Cli;
using Kubedos.Components.Seal;
using Kubedos.Pki;
using Kubedos.Seal.Attestation;

namespace Kubedos.Infra.Tests.Cli;

public sealed class SigningKeyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubedos-signing-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Run_WritesOwnerOnlyKeyAndPublicPem_PrintsTheConfigLines()
    {
        var output = new StringWriter();
        var target = Path.Combine(_dir, "offline");

        var exit = await SigningKeyCommand.RunAsync(target, output, new StringWriter(), CancellationToken.None);

        Assert.Equal(ExitCodes.Success, exit);
        var keyPath = Path.Combine(target, OfflineSigningKey.KeyFile);
        using var key = SigningKey.FromPem(File.ReadAllText(keyPath));
        var text = output.ToString();
        Assert.Equal(key.Public.KeyId, VerificationKey.FromPem(File.ReadAllText(Path.Combine(target, OfflineSigningKey.PublicKeyFile))).KeyId);
        Assert.Contains($"kubedos config set {SealMaterial.SigningKeyPinKey} {key.Public.KeyId}", text, StringComparison.Ordinal);
        Assert.Contains($"kubedos config set --secret {SealMaterial.SigningKeyKey} < {keyPath}", text, StringComparison.Ordinal);
        Assert.DoesNotContain(File.ReadAllText(keyPath).Split('\n')[1], text, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
        }
    }

    [Fact]
    public async Task Run_InsideProject_RefusesAndWritesNothing()
    {
        File.WriteAllText(Path.Combine(_dir, "Pulumi.yaml"), "name: kubedos\nruntime: dotnet\n");
        var error = new StringWriter();

        var exit = await SigningKeyCommand.RunAsync(Path.Combine(_dir, "keys"), new StringWriter(), error, CancellationToken.None);

        Assert.Equal(ExitCodes.OperationFailed, exit);
        Assert.Contains("outside the project", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "keys")));
    }

    [Fact]
    public async Task Run_KeyAlreadyThere_RefusesToOverwrite()
    {
        var target = Path.Combine(_dir, "offline");
        await SigningKeyCommand.RunAsync(target, new StringWriter(), new StringWriter(), CancellationToken.None);
        var before = File.ReadAllText(Path.Combine(target, OfflineSigningKey.KeyFile));
        var error = new StringWriter();

        var exit = await SigningKeyCommand.RunAsync(target, new StringWriter(), error, CancellationToken.None);

        Assert.Equal(ExitCodes.OperationFailed, exit);
        Assert.Contains("refusing to overwrite", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(target, OfflineSigningKey.KeyFile)));
    }
}
