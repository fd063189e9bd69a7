using System.CommandLine;
using Kubedos.Components.Seal;
using Kubedos.Engine.Cli;
using Kubedos.Pki;

namespace Kubedos.Cli;

/// <summary>
/// <c>kubedos pki init-signing-key --out DIR</c>: the recovery bundle's signing key (ECDSA P-256) made outside the project,
/// with the <c>kubedos config set</c> lines that hand it to a stack: the key as an encrypted secret, its pin in plain config.
/// </summary>
internal static class SigningKeyCommand
{
    public static Command Create()
    {
        var outDir = new Option<string>("--out") { Description = "Directory outside the project for signing-key.pem/.pub.pem (created)", Required = true }.DirectoryToWrite();
        var init = new Command("init-signing-key", "Create the key that signs recovery bundles, outside the project") { outDir };
        init.SetAction((parse, ct) => RunAsync(parse.GetValue(outDir)!, Console.Out, Console.Error, ct));
        return init;
    }

    /// <summary>Creates the key pair and prints the config lines; exit 0, or 1 with the reason (inside a project, a key already there, not writable).</summary>
    public static async Task<int> RunAsync(string directory, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(directory);
        string pin;
        try
        {
            pin = await OfflineSigningKey.InitAsync(full, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"kubedos pki init-signing-key: --out {full}: cannot write the key there: {e.Message}");
            return ExitCodes.OperationFailed;
        }
        catch (InvalidOperationException e)
        {
            await error.WriteLineAsync($"kubedos pki init-signing-key: {e.Message}");
            return ExitCodes.OperationFailed;
        }

        var keyPath = Path.Combine(full, OfflineSigningKey.KeyFile);
        await output.WriteLineAsync($"signing key: {keyPath} (keep it offline; public key {Path.Combine(full, OfflineSigningKey.PublicKeyFile)})");
        await output.WriteLineAsync($"key pin: {pin}");
        await output.WriteLineAsync("hand it to the stack (the key is stored encrypted, the pin in plain config):");
        await output.WriteLineAsync($"  kubedos config set {SealMaterial.SigningKeyPinKey} {pin}");
        await output.WriteLineAsync($"  kubedos config set --secret {SealMaterial.SigningKeyKey} < {keyPath}");
        await output.WriteLineAsync($"recipients verify a bundle with: kubedos verify --bundle BUNDLE --public-key {Path.Combine(full, OfflineSigningKey.PublicKeyFile)}");
        return ExitCodes.Success;
    }
}
