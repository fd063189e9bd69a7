using System.Security.Cryptography.X509Certificates;
using Kubedos.Cli;
using Kubedos.Components.Trust;
using Kubedos.Pki;

namespace Kubedos.Infra.Tests.Cli;

public sealed class PkiCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubedos-pki-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Run_WithCluster_WritesRootAndIntermediateAndPrintsConfigLines()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var target = Path.Combine(_dir, "offline");

        var exit = await PkiCommand.RunAsync(target, "lab-01", 10, TimeProvider.System, output, error, CancellationToken.None);

        Assert.Equal(ExitCodes.Success, exit);
        var text = output.ToString();
        Assert.Contains($"kubedos config set {TrustMaterial.RootCertKey} {Path.Combine(target, "root-ca.pem")}", text, StringComparison.Ordinal);
        Assert.Contains($"kubedos config set {TrustMaterial.IntermediateCertKey} {Path.Combine(target, PkiCommand.IntermediateCertificateFile)}", text, StringComparison.Ordinal);
        Assert.Contains($"kubedos config set --secret {TrustMaterial.IntermediateKeyKey} < {Path.Combine(target, PkiCommand.IntermediateKeyFile)}", text, StringComparison.Ordinal);
        var keyPem = File.ReadAllText(Path.Combine(target, PkiCommand.IntermediateKeyFile));
        Assert.DoesNotContain(keyPem.Split('\n')[1], text, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(target, PkiCommand.IntermediateKeyFile)));
        }

        using var authority = ClusterAuthority.FromPem(
            File.ReadAllText(Path.Combine(target, "root-ca.pem")), File.ReadAllText(Path.Combine(target, PkiCommand.IntermediateCertificateFile)), keyPem);
        Assert.Contains(authority.RootPin, text, StringComparison.Ordinal);
        Assert.Contains("lab-01", authority.Intermediate.Subject, StringComparison.Ordinal);
        Assert.True(authority.Intermediate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
    }

    [Fact]
    public async Task Run_InsideProject_RefusesAndWritesNothing()
    {
        File.WriteAllText(Path.Combine(_dir, "Pulumi.yaml"), "name: kubedos\nruntime: dotnet\n");
        var error = new StringWriter();
        var target = Path.Combine(_dir, "pki");

        var exit = await PkiCommand.RunAsync(target, "lab-01", 10, TimeProvider.System, new StringWriter(), error, CancellationToken.None);

        Assert.Equal(ExitCodes.InvalidSpec, exit);
        Assert.Contains("outside the project", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
    }
}
