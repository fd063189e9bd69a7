using Kubedos.Components.Trust;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Config;
using Kubedos.Engine.Providers;
using Kubedos.Engine.Secrets;
using Kubedos.Infra.Tests.Spec;
using Kubedos.Providers.Random;
using Kubedos.Providers.Tls;
using Kubedos.Spec.Normalisation;
using Kubedos.Testing;

namespace Kubedos.Infra.Tests.Components.Trust;

public sealed class ClusterTrustToFuTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubedos-tofu-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Up_ToFuNotAllowed_FailsNamingTheModel()
    {
        var stack = await CreateStackAsync(allow: false);

        var e = await Assert.ThrowsAsync<UpdateFailedException>(() => stack.UpAsync());

        Assert.Contains(TrustAnchor.ModelField, e.Message, StringComparison.Ordinal);
        Assert.Contains(TrustMaterial.AllowToFuKey, e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
    }

    [LabFact("openssl")]
    public async Task Up_ToFuAllowed_MintsACaInTheEngineAndNodesVerify()
    {
        var stack = await CreateStackAsync(allow: true);

        await stack.UpAsync();

        var pki = Path.Combine(_dir, "out", "dev", "pki");
        foreach (var node in new[] { "cp-1", "w-1" })
        {
            var pem = Path.Combine(pki, PkiDirectory.NodesFolder, $"{node}.pem");
            Assert.Equal(0, Openssl("verify", "-CAfile", Path.Combine(pki, PkiDirectory.RootFile), "-untrusted", Path.Combine(pki, PkiDirectory.IntermediateFile), pem));
        }

        Assert.Contains("to-fu root CA", SubjectOf(Path.Combine(pki, PkiDirectory.RootFile)), StringComparison.Ordinal);
    }

    private async Task<WorkspaceStack> CreateStackAsync(bool allow)
    {
        var yaml = SpecText.ReplaceOnce(RepositoryFiles.Read("stacks/lab-01.yaml"), "model: offline-ca", "model: to-fu");
        var validated = SpecText.Validate(yaml);
        Assert.True(validated.Succeeded, string.Join("\n", validated.Diagnostics));
        var cluster = SpecNormaliser.Normalise(validated.Document!);
        ProjectFile.Create("kubedos", "dotnet").Save(Path.Combine(_dir, ProjectFile.FileName));
        var passphrase = PassphraseSource.FromPassphrase("tofu-test");
        if (allow)
        {
            new StackConfigStore(_dir, "dev", passphrase).Set(TrustMaterial.AllowToFuKey, "true", secret: false);
        }

        var workspace = Workspace.Create(new WorkspaceOptions
        {
            WorkDir = _dir,
            Providers = ProviderRegistry.Of(TlsProvider.Create(TimeProvider.System), RandomProvider.Create()),
            Program = StackProgram.Create(s => _ = new ClusterTrust("trust", new TrustArgs { Cluster = cluster, Material = TrustMaterial.FromConfig(s), OutDirectory = Path.Combine(_dir, "out", "dev") })),
            Passphrase = passphrase,
            Environment = _ => null,
        });
        return await workspace.CreateStackAsync("dev");
    }

    private static string SubjectOf(string pem)
    {
        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(pem));
        return certificate.Subject;
    }

    private static int Openssl(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
