using Kubedos.Cli;
using Kubedos.Components.Seal;
using Kubedos.Infra.Tests.Components.Seal;
using Kubedos.Seal.Attestation;
using Kubedos.Seal.Bundle;

namespace Kubedos.Infra.Tests.Cli;

public sealed class VerifyCommandTests : IDisposable
{
    private readonly SealWorkspace _w = new();

    public VerifyCommandTests()
    {
        _w.WriteAuditLogAsync().GetAwaiter().GetResult();
        RecoveryBundle.Seal(_w.Inputs(), _w.Material, TimeProvider.System, sourceDateEpoch: null);
        File.WriteAllText(PublicKey, _w.Key.Public.Pem);
    }

    private string PublicKey => Path.Combine(_w.Root, "signing-key.pub.pem");

    public void Dispose() => _w.Dispose();

    private (int Exit, string Output, string Error) Verify(string bundle, string? key, string? report = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = VerifyCommand.Run(bundle, key, report, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Run_IntactBundleOnACopy_ExitZeroAndReport()
    {
        // A recipient's copy elsewhere, with only the public key.
        var copy = Path.Combine(_w.Root, "elsewhere", "bundle");
        foreach (var file in BundleLayout.FilesIn(_w.Bundle))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(copy, file))!);
            File.Copy(Path.Combine(_w.Bundle, file), Path.Combine(copy, file));
        }

        var report = Path.Combine(_w.Root, "report.html");
        var (exit, output, error) = Verify(copy, PublicKey, report);

        Assert.True(exit == ExitCodes.Success, output + error);
        Assert.Contains("verified", output, StringComparison.Ordinal);
        Assert.Contains("Bundle verified", File.ReadAllText(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ByteFlippedInAnSbom_ExitOneNamingFileAndRule()
    {
        var sbom = Path.Combine(_w.Bundle, "sbom", "kubedos-agent.spdx.json");
        var bytes = File.ReadAllBytes(sbom);
        bytes[100] ^= 0x20;
        File.WriteAllBytes(sbom, bytes);

        var (exit, output, error) = Verify(_w.Bundle, PublicKey);

        Assert.Equal(ExitCodes.OperationFailed, exit);
        Assert.Contains("first failure sbom/kubedos-agent.spdx.json: digest", output, StringComparison.Ordinal);
        Assert.Contains("kubedos verify: sbom/kubedos-agent.spdx.json: digest:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_FileDropped_ExitOneFileMissing()
    {
        File.Delete(Path.Combine(_w.Bundle, "runbooks.md"));

        var (exit, output, _) = Verify(_w.Bundle, PublicKey);

        Assert.Equal(ExitCodes.OperationFailed, exit);
        Assert.Contains("first failure runbooks.md: file-missing", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_AnotherPublicKey_ExitOneKeyMismatch()
    {
        using var other = SigningKey.Generate();
        File.WriteAllText(PublicKey, other.Public.Pem);

        var (exit, output, _) = Verify(_w.Bundle, PublicKey);

        Assert.Equal(ExitCodes.OperationFailed, exit);
        Assert.Contains("first failure signing-key.pub.pem: key-mismatch", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_AuditLogTruncatedAndResealedByAnAttackerWithoutTheKey_Fails()
    {
        var log = Path.Combine(_w.Bundle, "enrollment", "operator", "audit.log");
        File.WriteAllLines(log, File.ReadAllLines(log).Take(1));

        var (exit, _, error) = Verify(_w.Bundle, PublicKey);

        Assert.Equal(ExitCodes.OperationFailed, exit);
        Assert.Contains("enrollment/operator/audit.log: audit-chain:", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("/nonexistent/kubedos-bundle")]
    public void Run_NoBundle_ExitTwo(string? bundle)
    {
        Assert.Equal(ExitCodes.Usage, VerifyCommand.Run(bundle, null, null, new StringWriter(), new StringWriter()));
    }

    [Fact]
    public void Run_KeyNotAPem_ExitTwoNamingIt()
    {
        File.WriteAllText(PublicKey, "not a key");

        var (exit, _, error) = Verify(_w.Bundle, PublicKey);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--public-key", error, StringComparison.Ordinal);
    }
}
