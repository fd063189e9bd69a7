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

    [Theory]
    [InlineData(-5)]
    [InlineData(0)]
    [InlineData(100000)]
    public async Task Run_YearsOutOfRange_ExitsTwoNamingTheOptionAndWritesNothing(int years)
    {
        var error = new StringWriter();
        var target = Path.Combine(_dir, "offline");

        var exit = await PkiCommand.RunAsync(target, "lab-01", years, TimeProvider.System, new StringWriter(), error, CancellationToken.None);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal($"kubedos pki init-offline-root: --years {years}: must be {PkiCommand.MinYears} to {PkiCommand.MaxYears} years", error.ToString().TrimEnd());
        Assert.False(Directory.Exists(target));
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("100000")]
    public void Parse_YearsOutOfRange_IsAUsageErrorNamingTheOption(string years)
    {
        var root = new System.CommandLine.RootCommand("test") { PkiCommand.Create() };

        var parse = root.Parse(["pki", "init-offline-root", "--out", Path.Combine(_dir, "offline"), "--years", years]);

        Assert.Contains(parse.Errors, e => e.Message == $"--years {years}: must be {PkiCommand.MinYears} to {PkiCommand.MaxYears} years");
    }

    [Fact]
    public async Task Run_OutWhereNothingCanBeCreated_ExitsOneWithOneLineNamingTheOption()
    {
        var error = new StringWriter();
        var file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "x");

        var exit = await PkiCommand.RunAsync(Path.Combine(file, "offline"), "lab-01", 10, TimeProvider.System, new StringWriter(), error, CancellationToken.None);

        Assert.Equal(ExitCodes.OperationFailed, exit);
        var line = Assert.Single(error.ToString().TrimEnd().Split('\n'));
        Assert.StartsWith($"kubedos pki init-offline-root: --out {Path.Combine(file, "offline")}: cannot write the root there:", line, StringComparison.Ordinal);
    }
}
