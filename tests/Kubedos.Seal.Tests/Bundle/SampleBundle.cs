using Kubedos.Seal.Attestation;
using Kubedos.Seal.Bundle;
using Kubedos.Seal.Sbom;
using Kubedos.Seal.Tests.Attestation;
using Kubedos.Seal.Tests.Sbom;

namespace Kubedos.Seal.Tests.Bundle;

/// <summary>A small sealed bundle in a temp directory: SBOMs, an acceptance report, a spec, PKI material.</summary>
internal sealed class SampleBundle : IDisposable
{
    public const string AcceptanceReport = """
        {
          "stack": "lab-01",
          "cluster": "lab",
          "verdict": "passed",
          "gates": [
            {
              "gate": "backplane-matrix", "passed": true, "startedAt": "2026-12-06T07:00:00Z", "finishedAt": "2026-12-06T07:00:03Z",
              "probes": [
                { "from": "cp-1", "to": "cp-2", "tried": "ping over wg1 10.10.0.1 -> 10.10.0.2", "expected": "Succeeds", "passed": true },
                { "from": "cp-2", "to": "cp-1", "tried": "ping over wg1 10.10.0.2 -> 10.10.0.1", "expected": "Succeeds", "passed": true },
                { "from": "cp-1", "to": "cp-2", "tried": "tcp 10.20.0.1 -> 10.30.0.2:9 (wg2 to wg3)", "expected": "Filtered", "passed": true }
              ]
            },
            { "gate": "security-baseline", "passed": true, "probes": [] }
          ]
        }
        """;

    public SampleBundle(SigningKey? key = null)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("kubedos-bundle-").FullName;
        Key = key ?? SigningKey.Generate();
        Seal();
    }

    public string Directory { get; }

    public SigningKey Key { get; }

    public string PathOf(string file) => System.IO.Path.Combine(Directory, file);

    public void Seal()
    {
        System.IO.Directory.CreateDirectory(PathOf("sbom"));
        System.IO.Directory.CreateDirectory(PathOf("pki"));
        File.WriteAllBytes(PathOf("sbom/node-software.cdx.json"), CycloneDxWriter.Write(SampleBoms.Debian()));
        File.WriteAllBytes(PathOf("sbom/node-software.spdx.json"), SpdxWriter.Write(SampleBoms.Debian()));
        File.WriteAllBytes(PathOf("sbom/kubedos-agent.cdx.json"), CycloneDxWriter.Write(SampleBoms.NuGet()));
        File.WriteAllBytes(PathOf("sbom/kubedos-agent.spdx.json"), SpdxWriter.Write(SampleBoms.NuGet()));
        File.WriteAllText(PathOf(BundleLayout.AcceptanceReportFile), AcceptanceReport);
        File.WriteAllText(PathOf("clusterspec.yaml"), "apiVersion: kubedos.io/v1\nkind: ClusterSpec\n");
        File.WriteAllText(PathOf(BundleLayout.ArtifactsFile), $"{{\"stack\":\"lab-01\",\"artifacts\":[{{\"name\":\"kubedos-agent/kubedos-agent.dll\",\"sha256\":\"{new string('f', 64)}\",\"size\":20480}}]}}\n");
        File.WriteAllText(PathOf(BundleLayout.RunbooksFile), "# Runbooks\n");
        File.WriteAllText(PathOf(BundleLayout.ReproduceFile), "# Rebuild\n");
        File.WriteAllText(PathOf("pki/root-ca.pem"), "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n");
        Reseal();
    }

    /// <summary>Seals the files as they are now (a test removed or changed one first, and the signatures cover that).</summary>
    public void Reseal()
    {
        foreach (var unlisted in BundleLayout.FilesIn(Directory).Where(BundleLayout.IsUnlisted))
        {
            File.Delete(PathOf(unlisted));
        }

        BundleSealer.Seal(Directory, "lab-01", "lab", "sha256:" + new string('e', 64), ["node software: the host's dpkg database"],
            [new ResourceDescriptor("kubedos-agent/kubedos-agent.dll", new string('f', 64))], ProvenanceRulesTests.Sample(), Key);
    }

    /// <summary>Writes a drill report into <c>drills/</c> as <c>kubedos drill run</c> does (the bundle needs a reseal after).</summary>
    public static void AddDrillReport(SampleBundle bundle, string name, double recoverySeconds, double targetSeconds)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var fault = new DateTimeOffset(2026, 12, 6, 9, 46, 50, TimeSpan.Zero);
        string At(double seconds) => fault.AddSeconds(seconds).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var within = recoverySeconds <= targetSeconds;
        var report = new System.Text.Json.Nodes.JsonObject
        {
            ["drill"] = "delete-worker",
            ["stack"] = "lab-01",
            ["node"] = "w-1",
            ["phases"] = new System.Text.Json.Nodes.JsonObject
            {
                ["fault"] = At(0),
                ["detected"] = At(3.256),
                ["recovered"] = At(recoverySeconds),
                ["verified"] = At(recoverySeconds + 0.1),
            },
            ["recoverySeconds"] = recoverySeconds,
            ["targetSeconds"] = targetSeconds,
            ["withinTarget"] = within,
            ["manualSteps"] = 0,
            ["verdict"] = within ? "passed" : "failed",
        };
        System.IO.Directory.CreateDirectory(bundle.PathOf(BundleLayout.DrillsDirectory));
        File.WriteAllText(bundle.PathOf($"{BundleLayout.DrillsDirectory}/{name}"), report.ToJsonString());
    }

    public void Dispose()
    {
        Key.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
