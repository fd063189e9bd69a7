using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Kubedos.Components.Trust;
using Kubedos.Engine.Cli;
using Kubedos.Pki;

namespace Kubedos.Cli;

/// <summary>
/// <c>kubedos pki init-offline-root --out DIR [--cluster NAME]</c>: a lab root CA (and a cluster intermediate it signs)
/// written outside the project, with the <c>kubedos config set</c> lines that hand the public parts and the intermediate
/// key to a stack. The root key stays in DIR: it never enters the engine or its state.
/// </summary>
internal static class PkiCommand
{
    /// <summary>The intermediate written beside the root.</summary>
    public const string IntermediateCertificateFile = "intermediate-ca.pem";

    /// <summary>The intermediate's key (mode 0600): what <c>kubedos:pki.intermediateKey</c> holds as a secret.</summary>
    public const string IntermediateKeyFile = "intermediate-ca.key";

    /// <summary>The shortest root lifetime: the intermediate it signs lives two years inside it.</summary>
    public const int MinYears = 3;

    /// <summary>The longest root lifetime: longer has no use, and far longer overflows a certificate's validity dates.</summary>
    public const int MaxYears = 100;

    public static Command Create()
    {
        var outDir = new Option<string>("--out") { Description = "Directory outside the project for root-ca.pem/.key (created)", Required = true }.DirectoryToWrite();
        var cluster = new Option<string?>("--cluster") { Description = "Also sign an intermediate for this cluster (metadata.name)" };
        var years = new Option<int>("--years") { Description = $"Root lifetime in years ({MinYears} to {MaxYears})", DefaultValueFactory = _ => 10 }.InRange(MinYears, MaxYears, "years");
        var init = new Command("init-offline-root", "Create an offline root CA (and a cluster intermediate) outside the project, for labs")
        {
            outDir,
            cluster,
            years,
        };
        init.SetAction((parse, ct) => RunAsync(parse.GetValue(outDir)!, parse.GetValue(cluster), parse.GetValue(years), TimeProvider.System, Console.Out, Console.Error, ct));
        return new Command("pki", "The cluster's offline PKI") { init, SigningKeyCommand.Create() };
    }

    /// <summary>Creates the root (and intermediate) and prints the config lines; exit 0, 1 with the reason (a root already there, a directory that cannot be written), 2 for a lifetime out of range.</summary>
    public static async Task<int> RunAsync(
        string directory, string? cluster, int years, TimeProvider time, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (years is < MinYears or > MaxYears)
        {
            await error.WriteLineAsync($"kubedos pki init-offline-root: --years {years}: must be {MinYears} to {MaxYears} years");
            return ExitCodes.Usage;
        }

        try
        {
            return await InitAsync(directory, cluster, years, time, output, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"kubedos pki init-offline-root: --out {Path.GetFullPath(directory)}: cannot write the root there: {e.Message}");
            return ExitCodes.OperationFailed;
        }
        catch (InvalidOperationException e)
        {
            await error.WriteLineAsync($"kubedos pki init-offline-root: {e.Message}");
            return ExitCodes.OperationFailed;
        }
    }

    private static async Task<int> InitAsync(
        string directory, string? cluster, int years, TimeProvider time, TextWriter output, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(directory);
        var rootPin = await OfflineRoot.InitAsync(full, cluster is null ? "Kubedos offline root CA" : $"Kubedos {cluster} offline root CA", years, KeyAlgorithm.EcdsaP256, time, cancellationToken);

        await output.WriteLineAsync($"root CA: {Path.Combine(full, OfflineRoot.CertificateFile)} (key {Path.Combine(full, OfflineRoot.KeyFile)}, keep it offline)");
        await output.WriteLineAsync($"root pin: {rootPin}   (security.bootstrap.caFingerprint for pinned-ca)");
        if (cluster is null)
        {
            await output.WriteLineAsync($"sign a cluster intermediate with this root offline, then: kubedos config set {TrustMaterial.RootCertKey} {Path.Combine(full, OfflineRoot.CertificateFile)}");
            return ExitCodes.Success;
        }

        var intermediatePath = Path.Combine(full, IntermediateCertificateFile);
        var keyPath = Path.Combine(full, IntermediateKeyFile);
        using (var root = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(full, OfflineRoot.CertificateFile), cancellationToken)))
        using (var rootKey = PrivateKeyMaterial.FromPem(await File.ReadAllTextAsync(Path.Combine(full, OfflineRoot.KeyFile), cancellationToken)))
        {
            // Two years, well inside the root's life; the intermediate is re-signed offline before it ends.
            var (intermediate, key) = ClusterAuthority.CreateIntermediate(root, rootKey, cluster, 2 * 365 * 24, time.GetUtcNow());
            using (intermediate)
            using (key)
            {
                await OwnerOnlyFile.CreateNewAsync(keyPath, key.ExportPrivateKeyPem(), cancellationToken);
                await File.WriteAllTextAsync(intermediatePath, CertificateIssuer.ToPem(intermediate), cancellationToken);
            }
        }

        await output.WriteLineAsync($"cluster intermediate for {cluster}: {intermediatePath} (key {keyPath})");
        await output.WriteLineAsync("hand them to the stack (the key is stored encrypted; the root key is never needed):");
        await output.WriteLineAsync($"  kubedos config set {TrustMaterial.RootCertKey} {intermediatePath[..^IntermediateCertificateFile.Length]}{OfflineRoot.CertificateFile}");
        await output.WriteLineAsync($"  kubedos config set {TrustMaterial.IntermediateCertKey} {intermediatePath}");
        await output.WriteLineAsync($"  kubedos config set --secret {TrustMaterial.IntermediateKeyKey} < {keyPath}");
        return ExitCodes.Success;
    }
}
