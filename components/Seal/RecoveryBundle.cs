using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Kubedos.Components.Kubernetes;
using Kubedos.Enrollment.Audit;
using Kubedos.Seal;
using Kubedos.Seal.Attestation;
using Kubedos.Seal.Bundle;
using Kubedos.Seal.Sbom;

namespace Kubedos.Components.Seal;

/// <summary>
/// Writes <c>out/&lt;stack&gt;/recovery-bundle/</c> (spec §16): it gathers the content, writes the SBOMs, runbooks and the
/// reproducibility note, seals (DSSE over manifest, SBOMs and provenance), verifies what it wrote, renders report.html,
/// and only then puts the new bundle in place of the old one. Inputs that did not change leave the bundle untouched.
/// </summary>
internal static class RecoveryBundle
{
    public const string BuildType = "urn:kubedos:buildtype:recovery-bundle:v1";

    public const string BuilderId = "urn:kubedos:builder:kubedos-cli";

    /// <summary>Seals <paramref name="inputs"/> unless the bundle in place was sealed from the same inputs.</summary>
    /// <param name="inputs">What to seal.</param>
    /// <param name="material">The signing key.</param>
    /// <param name="time">The clock, used only when <paramref name="sourceDateEpoch"/> is null.</param>
    /// <param name="sourceDateEpoch">SOURCE_DATE_EPOCH: every date in the bundle, for reproducible documents.</param>
    public static SealOutcome Seal(SealInputs inputs, SealMaterial material, TimeProvider time, long? sourceDateEpoch)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(material);
        ArgumentNullException.ThrowIfNull(time);
        var started = sourceDateEpoch is { } epoch ? DateTimeOffset.FromUnixTimeSeconds(epoch) : time.GetUtcNow();
        var host = DebianPackageDatabase.Read(inputs.NodeSoftware.Root, inputs.NodeSoftware.DebStores);
        var toolchain = Toolchain.Versions(host);
        var revision = SourceRevision.Read(inputs.ProjectDirectory);
        var content = Content(inputs);
        var digest = InputsDigest(inputs, content, toolchain, revision, material.PublicKey.KeyId);
        if (SealedFrom(inputs.BundleDirectory) == digest)
        {
            return new SealOutcome(Sha256(File.ReadAllBytes(Path.Combine(inputs.BundleDirectory, BundleLayout.ManifestFile))), digest, Written: false);
        }

        var staging = inputs.BundleDirectory + ".staging";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        foreach (var (path, bytes) in content)
        {
            Write(staging, path, bytes);
        }

        AuditHeads(staging);
        using var image = NodeImageEvidence.ManifestOf(inputs.OutDirectory, inputs.Stack) is { } built
            ? NodeImageEvidence.Read(built, inputs.OutDirectory, inputs.LockFile, inputs.ImageStore)
            : null;
        Sboms(staging, inputs, host, started, image);
        var artifacts = inputs.Agent.Files
            .Select(f => new ResourceDescriptor($"kubedos-agent/{f}", Sha256(File.ReadAllBytes(Path.Combine(inputs.Agent.SourceDirectory, f)))))
            .ToList();
        Write(staging, BundleLayout.ArtifactsFile, ArtifactManifest(inputs, artifacts, toolchain, image));
        artifacts.AddRange(image?.Subjects ?? []);
        Write(staging, BundleLayout.RunbooksFile, Encoding.UTF8.GetBytes(RunbookCatalogue.Render(inputs.Stack)));
        Write(staging, BundleLayout.ReproduceFile, Encoding.UTF8.GetBytes(ReproducibilityNote.Render(inputs, content, toolchain, revision)));

        using var key = material.Open();
        var finished = sourceDateEpoch is { } end ? DateTimeOffset.FromUnixTimeSeconds(end) : time.GetUtcNow();
        var provenance = Provenance(inputs, content, toolchain, revision, digest, started, finished);
        BundleSealer.Seal(staging, inputs.Stack, inputs.Cluster, digest, [inputs.NodeSoftware.Description], artifacts, provenance, key);
        var verification = BundleVerifier.Verify(staging, material.PublicKey);
        verification = verification with { Checks = [.. verification.Checks, .. AuditChainCheck.Run(staging)] };
        File.WriteAllText(Path.Combine(staging, BundleLayout.ReportFile), BundleReportPage.Render(verification));
        if (verification.FirstFailure is { } failure)
        {
            throw new InvalidOperationException($"the bundle just sealed in {staging} does not verify: {failure}");
        }

        Replace(inputs.BundleDirectory, staging);
        return new SealOutcome(Sha256(File.ReadAllBytes(Path.Combine(inputs.BundleDirectory, BundleLayout.ManifestFile))), digest, Written: true);
    }

    /// <summary>The inputs digest the bundle in <paramref name="bundleDirectory"/> was sealed from, or null.</summary>
    public static string? SealedFrom(string bundleDirectory)
    {
        try
        {
            return BundleManifest.Parse(File.ReadAllBytes(Path.Combine(bundleDirectory, BundleLayout.ManifestFile))).InputsDigest;
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // Bundle path -> bytes of everything copied in, in ordinal order.
    private static SortedDictionary<string, byte[]> Content(SealInputs inputs)
    {
        var content = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [BundleLayout.ClusterSpecFile] = File.ReadAllBytes(inputs.SpecFile),
            [BundleLayout.AcceptanceReportFile] = Encoding.UTF8.GetBytes(inputs.AcceptanceReport),
        };
        if (inputs.LockFile is not null && File.Exists(inputs.LockFile))
        {
            content["lock/" + Path.GetFileName(inputs.LockFile)] = File.ReadAllBytes(inputs.LockFile);
        }

        if (NodeImageEvidence.ManifestOf(inputs.OutDirectory, inputs.Stack) is not null)
        {
            content[NodeImageEvidence.BundleManifestFile] = File.ReadAllBytes(Path.Combine(inputs.OutDirectory, NodeImageEvidence.ManifestFile));
        }

        var inventory = Path.Combine(inputs.OutDirectory, "inventory.json");
        if (File.Exists(inventory))
        {
            content["inventory.json"] = File.ReadAllBytes(inventory);
        }

        // Drill reports come from out/<stack>/drills/ (`kubedos drill run` seals its report in with a last up). etcd
        // snapshots (what the total-loss runbook restores) come from out/<stack>/etcd-snapshots/, where the Kubernetes
        // stage fetches them.
        (string Directory, string Prefix)[] trees =
        [
            (Path.Combine(inputs.OutDirectory, "pki"), "pki"),
            (Path.Combine(inputs.OutDirectory, "enrollment"), "enrollment/operator"),
            (Path.Combine(inputs.OutDirectory, "drills"), "drills"),
            (Path.Combine(inputs.OutDirectory, EtcdSnapshotFetch.Folder), "etcd"),

            // Runbook reports (`kubedos runbook`) and the hash-chained logs: build.log (`kubedos image build`) and
            // operations.log (every runbook run), whose heads audit-heads.json records.
            (Path.Combine(inputs.OutDirectory, BundleLayout.RunbookReportsDirectory), BundleLayout.RunbookReportsDirectory),
            (Path.Combine(inputs.OutDirectory, "logs"), "logs"),
        ];
        foreach (var (directory, prefix) in trees)
        {
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (var file in BundleLayout.FilesIn(directory).Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal) && !f.EndsWith(".lock", StringComparison.Ordinal)))
            {
                var bytes = File.ReadAllBytes(Path.Combine(directory, file));
                // The operator's directories hold public material only; a private key here is refused, never copied.
                // An etcd snapshot is the cluster's data, Secrets included: it is carried as it is (the bundle is the
                // restore point), which is why the bundle is as sensitive as the cluster (README, "Recovery bundle").
                if (prefix != "etcd" && bytes.AsSpan().IndexOf("PRIVATE KEY-----"u8) >= 0)
                {
                    throw new InvalidOperationException($"{Path.Combine(directory, file)} holds a private key: it is not copied into the recovery bundle; move it out of {inputs.OutDirectory}");
                }

                content[$"{prefix}/{file}"] = bytes;
            }
        }

        if (inputs.ServiceAudit is { } audit)
        {
            content["enrollment/service/audit.log"] = audit.Log;
            if (audit.Head is not null)
            {
                content["enrollment/service/audit.head"] = audit.Head;
            }
        }

        return content;
    }

    private static string InputsDigest(SealInputs inputs, SortedDictionary<string, byte[]> content, SortedDictionary<string, string> toolchain, SourceRevision revision, string keyId)
    {
        var text = new StringBuilder();
        foreach (var (path, bytes) in content)
        {
            text.Append("file ").Append(path).Append(' ').Append(Sha256(bytes)).Append('\n');
        }

        foreach (var (name, path) in new[] { ("assets kubedos-agent", inputs.AgentAssets), ("assets kubedos", inputs.KubedosAssets), ("dpkg status", Path.Combine(inputs.NodeSoftware.Root, "var", "lib", "dpkg", "status")) })
        {
            text.Append(name).Append(' ').Append(path is not null && File.Exists(path) ? Sha256(File.ReadAllBytes(path)) : "absent").Append('\n');
        }

        foreach (var (tool, version) in toolchain)
        {
            text.Append("tool ").Append(tool).Append(' ').Append(version).Append('\n');
        }

        text.Append("agent ").Append(inputs.Agent.Digest).Append('\n')
            .Append("packages ").Append(string.Join(',', inputs.NodeSoftware.Packages)).Append('\n')
            .Append("source ").Append(revision.Commit).Append(' ').Append(revision.Dirty?.ToString() ?? "unknown").Append('\n')
            .Append("key ").Append(keyId).Append('\n')
            .Append("stack ").Append(inputs.Stack).Append(' ').Append(inputs.Cluster).Append('\n');
        return "sha256:" + Sha256(Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static void AuditHeads(string staging)
    {
        var logs = new JsonArray();
        var chained = BundleLayout.FilesIn(staging).Where(f =>
            (f.StartsWith("enrollment/", StringComparison.Ordinal) && f.EndsWith("/audit.log", StringComparison.Ordinal))
            || (f.StartsWith("logs/", StringComparison.Ordinal) && f.EndsWith(".log", StringComparison.Ordinal)));
        foreach (var log in chained)
        {
            var result = AuditLog.Verify(Path.Combine(staging, log));
            logs.Add(new JsonObject
            {
                ["file"] = log,
                ["entries"] = result.Entries,
                ["headHash"] = result.HeadHash,
                ["chainIntact"] = result.IsValid,
                ["problem"] = result.Problem,
            });
        }

        if (logs.Count > 0)
        {
            Write(staging, "enrollment/audit-heads.json", SealJson.Serialize(new JsonObject { ["logs"] = logs }));
        }
    }

    private static void Sboms(string staging, SealInputs inputs, DebianPackageDatabase host, DateTimeOffset created, NodeImageEvidence? image)
    {
        var version = Toolchain.KubedosVersion;
        var packages = host.Closure(inputs.NodeSoftware.Packages, out var roots);
        var boms = new List<(string File, SbomDocument Bom)>
        {
            ("node-software", new SbomDocument("lab-node-software", inputs.Stack, "operating-system", created, version, packages, roots, inputs.NodeSoftware.Description)),
        };
        if (image is not null)
        {
            boms.Add(("node-image", image.Sbom(created, version)));
        }

        foreach (var (name, assets) in new[] { ("kubedos-agent", inputs.AgentAssets), ("kubedos", inputs.KubedosAssets) })
        {
            if (assets is null || !File.Exists(assets))
            {
                throw new FileNotFoundException($"the build's project.assets.json for {name} is not at {assets} (the build copies it beside kubedos: rebuild with ./kubedos)", assets);
            }

            var closure = NuGetAssets.Closure(File.ReadAllText(assets), out var direct, out var framework);
            boms.Add((name, new SbomDocument(name, version, "application", created, version, closure, direct,
                $"the build's project.assets.json for {name} ({framework}); the .NET runtime it runs on is {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, not a package of this list")));
        }

        foreach (var (file, bom) in boms)
        {
            Write(staging, $"{BundleLayout.SbomDirectory}/{file}.cdx.json", CycloneDxWriter.Write(bom));
            Write(staging, $"{BundleLayout.SbomDirectory}/{file}.spdx.json", SpdxWriter.Write(bom));
        }
    }

    private static byte[] ArtifactManifest(SealInputs inputs, IReadOnlyList<ResourceDescriptor> artifacts, SortedDictionary<string, string> toolchain, NodeImageEvidence? image)
    {
        var list = new JsonArray();
        foreach (var (artifact, file) in artifacts.Zip(inputs.Agent.Files))
        {
            list.Add(new JsonObject
            {
                ["name"] = artifact.Name,
                ["sha256"] = artifact.Sha256,
                ["size"] = new FileInfo(Path.Combine(inputs.Agent.SourceDirectory, file)).Length,
            });
        }

        return SealJson.Serialize(new JsonObject
        {
            ["stack"] = inputs.Stack,
            ["targets"] = new JsonArray { "local-lab" },
            ["artifacts"] = list,
            ["agentPayloadDigest"] = inputs.Agent.Digest,
            ["payloadVersions"] = new JsonObject { ["kubedos"] = toolchain["kubedos"], ["kubedos-agent"] = toolchain["kubedos"], ["dotnet"] = toolchain["dotnet"] },
            ["nodeImage"] = image is null
                ? "none: no node image was built for this stack (`kubedos image build`); the lab's nodes run the host's packages, listed in sbom/node-software.*"
                : new JsonObject
                {
                    ["manifest"] = NodeImageEvidence.BundleManifestFile,
                    ["version"] = image.Manifest.Version,
                    ["buildKey"] = image.Manifest.BuildKey,
                    ["outputs"] = new JsonArray([.. image.Manifest.Outputs.Select(o => (JsonNode?)new JsonObject { ["kind"] = o.Kind, ["name"] = o.Name, ["sha256"] = o.Sha256, ["size"] = o.Size })]),
                    ["sbom"] = "sbom/node-image.cdx.json, sbom/node-image.spdx.json (its own dpkg database)",
                    ["runsOnLabNodes"] = false,
                },
        });
    }

    private static SlsaProvenance Provenance(
        SealInputs inputs, SortedDictionary<string, byte[]> content, SortedDictionary<string, string> toolchain, SourceRevision revision, string digest, DateTimeOffset started, DateTimeOffset finished)
    {
        var external = new JsonObject
        {
            ["stack"] = inputs.Stack,
            ["cluster"] = inputs.Cluster,
            ["clusterSpec"] = new JsonObject { ["file"] = "clusterspec.yaml", ["sha256"] = Sha256(content["clusterspec.yaml"]) },
        };
        var lockEntry = content.Keys.FirstOrDefault(k => k.StartsWith("lock/", StringComparison.Ordinal));
        external["lock"] = lockEntry is null ? "none: no lockfile exists for this stack yet" : new JsonObject { ["file"] = lockEntry, ["sha256"] = Sha256(content[lockEntry]) };
        var tools = new JsonObject();
        foreach (var (tool, version) in toolchain)
        {
            tools[tool] = version;
        }

        var internalParameters = new JsonObject
        {
            ["toolchain"] = tools,
            ["source"] = new JsonObject { ["commit"] = revision.Commit, ["dirty"] = revision.Dirty is { } d ? JsonValue.Create(d) : "unknown" },
            ["nodeSoftware"] = inputs.NodeSoftware.Description,
        };
        var dependencies = new List<ResourceDescriptor> { new("clusterspec.yaml", Sha256(content["clusterspec.yaml"])) };
        if (lockEntry is not null)
        {
            dependencies.Add(new ResourceDescriptor(lockEntry, Sha256(content[lockEntry])));
        }

        dependencies.AddRange(inputs.Agent.Files.Select(f => new ResourceDescriptor($"kubedos-agent/{f}", Sha256(File.ReadAllBytes(Path.Combine(inputs.Agent.SourceDirectory, f))))));
        return new SlsaProvenance(
            BuildType, external, internalParameters, dependencies, BuilderId,
            new Dictionary<string, string> { ["kubedos"] = toolchain["kubedos"], ["dotnet"] = toolchain["dotnet"] },
            digest, started, finished);
    }

    // The old bundle goes only once the new one is complete and verified; a crash leaves one of them whole.
    private static void Replace(string bundle, string staging)
    {
        var previous = bundle + ".previous";
        if (Directory.Exists(previous))
        {
            Directory.Delete(previous, recursive: true);
        }

        if (Directory.Exists(bundle))
        {
            Directory.Move(bundle, previous);
        }

        Directory.Move(staging, bundle);
        if (Directory.Exists(previous))
        {
            Directory.Delete(previous, recursive: true);
        }
    }

    private static void Write(string root, string path, byte[] bytes)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
