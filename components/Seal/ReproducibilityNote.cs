using System.Security.Cryptography;
using System.Text;

namespace Kubedos.Components.Seal;

/// <summary><c>REPRODUCE.md</c>: how to rebuild this exact cluster and bundle from what the bundle records.</summary>
internal static class ReproducibilityNote
{
    public static string Render(SealInputs inputs, IReadOnlyDictionary<string, byte[]> content, IReadOnlyDictionary<string, string> toolchain, SourceRevision revision)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(toolchain);
        ArgumentNullException.ThrowIfNull(revision);
        var text = new StringBuilder();
        text.Append("# Rebuilding stack ").Append(inputs.Stack).Append(" (cluster ").Append(inputs.Cluster).Append(")\n\n")
            .Append("1. Check out the source at commit `").Append(revision.Commit).Append('`')
            .Append(revision.Dirty switch
            {
                true => " (the tree was DIRTY when sealed: uncommitted changes went into this build and cannot be recovered from the commit alone)",
                false => " (the tree was clean)",
                null => " (whether the tree was clean is unknown)",
            })
            .Append(".\n")
            .Append("2. Use the ClusterSpec in `clusterspec.yaml` (sha256 `").Append(Convert.ToHexStringLower(SHA256.HashData(content["clusterspec.yaml"]))).Append("`).\n");
        var lockFile = content.Keys.FirstOrDefault(k => k.StartsWith("lock/", StringComparison.Ordinal));
        text.Append("3. ").Append(lockFile is null
            ? "There is no lockfile: this build locks no image versions yet (no node image is built, issue #12), so the node software is whatever the rebuilding host's Debian packages are; `sbom/node-software.*` lists the versions this build ran."
            : $"Use the lockfile `{lockFile}` unchanged (`kubedos image lock` would resolve new versions).").Append('\n')
            .Append("4. Install the same toolchain (versions this build used):\n\n");
        foreach (var (tool, version) in toolchain.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append("   - ").Append(tool).Append(": ").Append(version).Append('\n');
        }

        text.Append("\n5. Hand the stack its offline trust material and signing key (`kubedos pki init-offline-root`, `kubedos pki init-signing-key`, ")
            .Append("or the kept originals), then `kubedos stack init ").Append(inputs.Stack).Append("` and `kubedos up --stack ").Append(inputs.Stack).Append(" --yes`.\n")
            .Append("6. For byte-identical SBOMs, manifest and provenance predicate, set `SOURCE_DATE_EPOCH` to the value of `runDetails.metadata.startedOn` in ")
            .Append("`provenance.intoto.json` (as seconds since 1970) before `up`. What still differs by nature: the DSSE signatures (ECDSA signatures are ")
            .Append("randomised), the acceptance report (probe timings), the enrollment audit log and certificates (new keys and serials), and so `manifest.json`'s digests of those files.\n");
        return text.ToString();
    }
}
