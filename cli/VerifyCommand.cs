using System.CommandLine;
using System.Security.Cryptography;
using Kubedos.Components.Seal;
using Kubedos.Input;
using Kubedos.Seal.Attestation;
using Kubedos.Seal.Bundle;

namespace Kubedos.Cli;

/// <summary>
/// <c>kubedos verify [BUNDLE | --bundle DIR] [--public-key PEM] [--report FILE]</c>: verifies a recovery bundle offline
/// (every digest, signature, schema, the provenance, the audit logs' chains and the acceptance verdict); exit 0 when all
/// holds, 1 naming the first file and rule that fails, 2 for a bundle or key that cannot be read.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var bundle = new Argument<string?>("bundle") { Description = "The recovery bundle directory", Arity = ArgumentArity.ZeroOrOne };
        var bundleOption = new Option<string?>("--bundle") { Description = "The recovery bundle directory (same as BUNDLE)" };
        var key = new Option<string?>("--public-key", "--key") { Description = "The signing key's public PEM, obtained out of band (without it the bundle's own copy is used: integrity, not origin)" };
        var report = new Option<string?>("--report") { Description = "Also write the verification as a self-contained HTML page to FILE" };
        var verify = new Command("verify", "Verify a recovery bundle offline; exit 0 when every check holds, 1 naming the first that fails")
        {
            bundle, bundleOption, key, report,
        };
        verify.SetAction(parse => Run(parse.GetValue(bundleOption) ?? parse.GetValue(bundle), parse.GetValue(key), parse.GetValue(report), Console.Out, Console.Error));
        return verify;
    }

    public static int Run(string? bundle, string? publicKey, string? report, TextWriter output, TextWriter error)
    {
        if (bundle is null)
        {
            error.WriteLine("kubedos verify: name the bundle (BUNDLE or --bundle DIR)");
            return ExitCodes.Usage;
        }

        if (!Directory.Exists(bundle))
        {
            error.WriteLine($"kubedos verify: {bundle}: not a directory");
            return ExitCodes.Usage;
        }

        VerificationKey? pinned = null;
        if (publicKey is not null)
        {
            try
            {
                if (RegularFile.Problem(publicKey) is { } problem)
                {
                    error.WriteLine($"kubedos verify: --public-key {publicKey} {problem}");
                    return ExitCodes.Usage;
                }

                pinned = VerificationKey.FromPem(File.ReadAllText(publicKey));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
            {
                error.WriteLine($"kubedos verify: --public-key {publicKey}: not a P-256 public key PEM ({e.Message})");
                return ExitCodes.Usage;
            }
        }

        var result = BundleVerifier.Verify(bundle, pinned);
        result = result with { Checks = [.. result.Checks, .. AuditChainCheck.Run(bundle)] };
        if (report is not null)
        {
            File.WriteAllText(report, BundleReportPage.Render(result));
        }

        foreach (var failed in result.Checks.Where(c => !c.Passed))
        {
            error.WriteLine($"kubedos verify: {failed.File}: {failed.Rule}: {failed.Detail}");
        }

        var files = result.Manifest?.Files.Count ?? 0;
        if (result.Passed)
        {
            output.WriteLine($"Bundle {bundle}: verified ({result.Checks.Count} checks, {files} files, key {result.KeyId}, checked with {result.KeySource})");
            return ExitCodes.Success;
        }

        var first = result.FirstFailure!;
        output.WriteLine($"Bundle {bundle}: NOT verified: first failure {first.File}: {first.Rule} ({result.Checks.Count(c => !c.Passed)} of {result.Checks.Count} checks failed)");
        return ExitCodes.OperationFailed;
    }
}
