using System.Collections.Concurrent;
using Kubedos.Components.Trust;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Config;
using Kubedos.Engine.Providers;
using Kubedos.Engine.Secrets;
using Kubedos.Infra.Tests.Spec;
using Kubedos.Pki;
using Kubedos.Providers.Random;
using Kubedos.Providers.Tls;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Infra.Tests.Components.Trust;

/// <summary>
/// A stack holding only <see cref="ClusterTrust"/> for the lab-01 spec, brought up through the automation API with an
/// offline root made outside the project, the way an operator would.
/// </summary>
internal sealed class TrustStackFixture : IAsyncDisposable
{
    private WorkspaceStack? _stack;

    private TrustStackFixture(string root)
    {
        Root = root;
    }

    public string Root { get; }

    public string ProjectDir => Path.Combine(Root, "project");

    public string OfflineDir => Path.Combine(Root, "offline");

    public string OutDir => Path.Combine(ProjectDir, "out", "dev");

    public string PkiDir => Path.Combine(OutDir, "pki");

    public NormalisedCluster Cluster { get; private set; } = null!;

    public string IntermediateKeyPem { get; private set; } = string.Empty;

    /// <summary>Every secret value the program saw (keys, tokens), captured to grep for.</summary>
    public ConcurrentBag<string> Secrets { get; } = [];

    public List<string> EventLines { get; } = [];

    public UpdateResult Result { get; private set; } = null!;

    /// <summary>Brings the stack up; <paramref name="extend"/> adds resources after the trust component (e.g. enrollment).</summary>
    public static async Task<TrustStackFixture> UpAsync(
        CancellationToken cancellationToken, Action<TrustStackFixture, ClusterTrust>? extend = null, TimeProvider? time = null)
    {
        var fixture = new TrustStackFixture(Directory.CreateTempSubdirectory("kubedos-trust-").FullName);
        await fixture.InitAsync(extend, time ?? TimeProvider.System, cancellationToken);
        return fixture;
    }

    public string Run(string file, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} exited {process.ExitCode}: {output}");
        return output;
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task InitAsync(Action<TrustStackFixture, ClusterTrust>? extend, TimeProvider time, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(ProjectDir);
        await OfflineRoot.InitAsync(OfflineDir, "Kubedos test root", 10, KeyAlgorithm.EcdsaP256, TimeProvider.System, cancellationToken);
        var rootPem = await File.ReadAllTextAsync(Path.Combine(OfflineDir, OfflineRoot.CertificateFile), cancellationToken);
        using var rootKey = PrivateKeyMaterial.FromPem(await File.ReadAllTextAsync(Path.Combine(OfflineDir, OfflineRoot.KeyFile), cancellationToken));
        using var root = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(rootPem);
        var (intermediate, intermediateKey) = ClusterAuthority.CreateIntermediate(root, rootKey, "lab-01", 24 * 365, TimeProvider.System.GetUtcNow());
        using (intermediate)
        using (intermediateKey)
        {
            await File.WriteAllTextAsync(Path.Combine(OfflineDir, "intermediate-ca.pem"), CertificateIssuer.ToPem(intermediate), cancellationToken);
            IntermediateKeyPem = intermediateKey.ExportPrivateKeyPem();
        }

        var validated = SpecText.Validate(RepositoryFiles.Read("stacks/lab-01.yaml"));
        Assert.True(validated.Succeeded, string.Join("\n", validated.Diagnostics));
        Cluster = SpecNormaliser.Normalise(validated.Document!);

        ProjectFile.Create("kubedos", "dotnet").Save(Path.Combine(ProjectDir, ProjectFile.FileName));
        var passphrase = PassphraseSource.FromPassphrase("trust-test-passphrase");
        var config = new StackConfigStore(ProjectDir, "dev", passphrase);
        config.Set(TrustMaterial.RootCertKey, Path.Combine(OfflineDir, OfflineRoot.CertificateFile), secret: false);
        config.Set(TrustMaterial.IntermediateCertKey, Path.Combine(OfflineDir, "intermediate-ca.pem"), secret: false);
        config.Set(TrustMaterial.IntermediateKeyKey, IntermediateKeyPem, secret: true);
        Secrets.Add(IntermediateKeyPem);

        var workspace = Workspace.Create(new WorkspaceOptions
        {
            WorkDir = ProjectDir,
            Providers = ProviderRegistry.Of(TlsProvider.Create(time), RandomProvider.Create()),
            Program = StackProgram.Create(stack =>
            {
                var trust = new ClusterTrust("trust", new TrustArgs { Cluster = Cluster, Material = TrustMaterial.FromConfig(stack), OutDirectory = OutDir });
                foreach (var node in trust.Nodes)
                {
                    _ = node.PrivateKeyPem.Apply(Capture);
                    _ = node.JoinToken.Apply(Capture);
                    _ = node.EnrollmentToken.Apply(Capture);
                }

                extend?.Invoke(this, trust);
            }),
            Passphrase = passphrase,
            Environment = _ => null,
        });
        _stack = await workspace.CreateStackAsync("dev", cancellationToken);
        await UpAgainAsync(cancellationToken);
    }

    /// <summary>Runs up once more on the same stack (what the next <c>kubedos up</c> does).</summary>
    public async Task UpAgainAsync(CancellationToken cancellationToken)
    {
        Result = await _stack!.UpAsync(new UpdateOptions { OnEvent = e => { lock (EventLines) { EventLines.Add(EngineEventJson.Serialize(e)); } } }, cancellationToken);
    }

    /// <summary>Records a secret value the program saw, for the leak checks.</summary>
    public string Capture(string secret)
    {
        Secrets.Add(secret);
        return secret;
    }
}
