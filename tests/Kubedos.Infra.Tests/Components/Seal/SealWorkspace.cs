using Kubedos.Components.Seal;
using Kubedos.Components.Substrate;
using Kubedos.Enrollment.Audit;
using Kubedos.Seal.Attestation;

namespace Kubedos.Infra.Tests.Components.Seal;

/// <summary>A stack's out directory as the stages before the seal leave it (spec, pki, inventory, an audit log), and a signing key.</summary>
internal sealed class SealWorkspace : IDisposable
{
    public const string Report = """{"stack":"lab-01","cluster":"lab","verdict":"passed","gates":[{"gate":"backplane-matrix","passed":true,"probes":[]}]}""";

    public SealWorkspace()
    {
        Root = Directory.CreateTempSubdirectory("kubedos-seal-").FullName;
        Directory.CreateDirectory(Path.Combine(Out, "pki", "nodes"));
        Directory.CreateDirectory(Path.Combine(Root, "agent"));
        File.WriteAllText(SpecFile, "apiVersion: kubedos.io/v1alpha1\nkind: ClusterSpec\nmetadata:\n  name: lab\n");
        File.WriteAllText(Path.Combine(Out, "pki", "root-ca.pem"), "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n");
        File.WriteAllText(Path.Combine(Out, "pki", "nodes", "cp-1.pem"), "-----BEGIN CERTIFICATE-----\nAQ==\n-----END CERTIFICATE-----\n");
        File.WriteAllText(Path.Combine(Out, "inventory.json"), "{\"cp-1\":{\"role\":\"control-plane\"}}\n");
        File.WriteAllText(Path.Combine(Root, "agent", "kubedos-agent.dll"), "agent bytes");
        Key = SigningKey.Generate();
        Material = SealMaterial.From(Key.ExportPrivateKeyPem(), Key.Public.KeyId);
    }

    public string Root { get; }

    public string Out => Path.Combine(Root, "out", "lab-01");

    public string Bundle => Path.Combine(Out, "recovery-bundle");

    public string SpecFile => Path.Combine(Root, "lab-01.yaml");

    public SigningKey Key { get; }

    public SealMaterial Material { get; }

    /// <summary>This test project's own assets file: a real NuGet closure restore wrote.</summary>
    public static string Assets => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "obj", "project.assets.json"));

    public async Task WriteAuditLogAsync()
    {
        Directory.CreateDirectory(Path.Combine(Out, "enrollment"));
        var log = AuditLog.Open(Path.Combine(Out, "enrollment", "audit.log"));
        await log.AppendAsync(new AuditRecord(DateTimeOffset.UnixEpoch, "enroll", "cp-1", "admit", "admitted", new Dictionary<string, string>()), CancellationToken.None);
        await log.AppendAsync(new AuditRecord(DateTimeOffset.UnixEpoch, "enroll", "w-1", "reject", "unknown-token", new Dictionary<string, string>()), CancellationToken.None);
    }

    public SealInputs Inputs(string? report = null, string? outDirectory = null) => new(
        "lab-01", "lab", SpecFile, null, outDirectory ?? Out, Root, report ?? Report, null, NodeSoftwareSource.LabHost,
        NodeSoftware.Read(Path.Combine(Root, "agent"), ["kubedos-agent.dll"]), Assets, Assets, Path.Combine(Root, "store"));

    public void Dispose()
    {
        Key.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
