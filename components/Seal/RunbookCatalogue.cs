using System.Text;

namespace Kubedos.Components.Seal;

/// <summary>
/// The runbooks this build implements, each a kubedos verb (a test holds every <see cref="RunbookEntry.Verb"/> to the CLI's
/// command tree), rendered as the bundle's <c>runbooks.md</c>. The spec's runbooks this build does not automate are listed
/// in <see cref="Absent"/>, and the file says so.
/// </summary>
internal static class RunbookCatalogue
{
    public static IReadOnlyList<RunbookEntry> Entries { get; } =
    [
        new("Verify this bundle offline", "verify", "kubedos verify --bundle recovery-bundle --public-key signing-key.pub.pem",
            "checks every file's SHA-256 and size against manifest.json, every DSSE signature, the SBOMs against the official CycloneDX 1.6 and SPDX 2.3 schemas, the provenance's subjects, the enrollment audit log's chain against its recorded head and the acceptance verdict; writes report.html",
            "the bundle and the signing key's public PEM obtained out of band (the copy inside the bundle proves integrity only)"),
        new("Rebuild after total loss", "up", "kubedos up --stack STACK --yes",
            "builds the whole cluster again from the ClusterSpec (clusterspec.yaml here) on fresh nodes: substrate, first boot, planes, enrollment, acceptance, seal",
            "this repository at the commit provenance.intoto.json records, the stack's config (Pulumi.STACK.yaml) with the offline intermediate and signing key as secrets, KUBEDOS_CONFIG_PASSPHRASE, root and the host packages of scripts/install-host-deps.sh"),
        new("Re-run the acceptance gates", "acceptance", "kubedos acceptance --stack STACK",
            "runs every gate again on the running cluster, rewrites acceptance-report.json and seals the bundle again",
            "the stack's state and a running cluster"),
        new("Contain a compromised node", "node revoke", "kubedos node revoke NODE --stack STACK --reason TEXT",
            "revokes the node's certificate in the enrollment service's revocation list (the next request sees it) and records it in the audit log; follow with 'kubedos up' to re-mint its identity",
            "the stack's out/STACK/enrollment state"),
        new("Check the enrollment audit log", "audit verify", "kubedos audit verify enrollment/audit.log --head HASH",
            "walks the log's hash chain and proves its last entry against the head hash recorded in enrollment/audit-heads.json",
            "the log and its recorded head"),
        new("Detect drift", "refresh", "kubedos refresh --stack STACK --yes --expect-no-changes",
            "reads every resource back and exits 8 when the cluster drifted from the state",
            "the stack's state and a running cluster"),
        new("Tear the cluster down", "destroy", "kubedos destroy --stack STACK --yes",
            "deletes every resource in reverse dependency order (refused unless the spec sets allowDestroy)",
            "the stack's state"),
        new("Run a replace-don't-repair drill", "drill run", "kubedos drill run NAME --stack STACK",
            "fails a node out of band as spec.acceptance.drills declares, detects it through the gates' evidence check, recovers with up --refresh and writes the timed report (drills/ in this bundle once sealed again)",
            "a lab stack that is up (destructive to the node it fails)"),
        new("Rotate keys and certificates", "runbook rotate", "kubedos runbook rotate --stack STACK --what all",
            "renews WireGuard keys (every node's, then the operator's), node certificates (each node enrolls again with a fresh token) and, with Kubernetes, each control plane's etcd certificates: one node per step, an up replacing that node's key resources, every gate passing before the next step; stops at the first failed step; appends to logs/operations.log and writes runbooks/<UTC>-rotate.json (this bundle once sealed again)",
            "a stack that is up with its gates passing; schedulable from cron (README)"),
        new("Replace a compromised node", "runbook compromised-node", "kubedos runbook compromised-node NODE --stack STACK --yes",
            "fences the node at once (every other node removes its WireGuard peers and drops its addresses, the operator removes its peer), revokes its certificates, destroys the machine, makes a replacement with new keys and identity (its certificate and one-time token minted after the revocation), renews every node's token when it served enrollment, and runs every gate; appends to logs/operations.log and writes runbooks/<UTC>-compromised-node.json",
            "a stack that is up; destructive to the node it names"),
        new("Rebuild after total loss, etcd restored", "runbook total-loss", "kubedos runbook total-loss --stack STACK --yes",
            "with no machine of the cluster running: verifies this bundle under the stack's signing key, keeps its newest etcd snapshot (etcd/) and names it in the stack's config (kubedos:etcdRestoreSnapshot), so every etcd member restores it as the cluster bootstraps; one up --refresh makes every node anew and runs every gate; the rebuilt cluster's first snapshot must hold at least the restored revision; appends to logs/operations.log and writes runbooks/<UTC>-total-loss.json",
            "the stack's state and config, this bundle, and no machine of the cluster running"),
        new("Swap blue/green", "swap", "kubedos swap --from STACK --to OTHER --yes --destroy-old",
            "between two stacks of one cluster definition (the other's spec this one's with only its CIDRs moved, holding nothing): takes a fresh etcd snapshot of STACK, builds OTHER from nothing with it restored and every gate run, and only then moves the pair's endpoint stack (an address on the host forwarded to the serving control plane) to OTHER; with --destroy-old then destroys STACK as the destruction-boundary policy allows; a failed swap leaves STACK serving; writes runbooks/<UTC>-swap.json in OTHER's bundle",
            "both stacks' config (the first swap of a pair also --endpoint-address), STACK up with its gates passing, the local substrate"),
        new("Make a new signing key", "pki init-signing-key", "kubedos pki init-signing-key --out DIR",
            "a new P-256 key pair outside the project and the config lines that hand it to the stack (the next up seals with it)",
            "a directory outside the project, kept offline"),
    ];

    /// <summary>Runbooks the spec names that this build does not implement (none: each of §18's is a verb above).</summary>
    public static IReadOnlyList<string> Absent { get; } = [];

    public static string Render(string stack)
    {
        var text = new StringBuilder();
        text.Append("# Runbooks for stack ").Append(stack).Append("\n\n")
            .Append("Generated by the seal from the recovery verbs this kubedos build has; every command below exists.\n");
        foreach (var entry in Entries)
        {
            text.Append("\n## ").Append(entry.Title).Append("\n\n```\n").Append(entry.Command.Replace("STACK", stack, StringComparison.Ordinal)).Append("\n```\n\n")
                .Append("- What it does: ").Append(entry.Does).Append('\n')
                .Append("- What it needs: ").Append(entry.Needs).Append('\n');
        }

        if (Absent.Count > 0)
        {
            text.Append("\n## Not in this build\n\n");
            foreach (var absent in Absent)
            {
                text.Append("- ").Append(absent).Append('\n');
            }
        }

        return text.ToString();
    }
}
