using Kubedos.Spec.Validation;

namespace Kubedos.Infra.Tests.Spec.Validation;

public sealed class SpecValidatorTests
{
    private const string Proxmox = "stacks/lab-01-proxmox.yaml";
    private const string Lab = "stacks/lab-01.yaml";
    private const string Dev = "stacks/dev.yaml";

    /// <summary>
    /// One fault per rule: (rule, base stack, edits as find/replace pairs, text on the line the
    /// diagnostic must point at). Each breaks that rule and no other.
    /// </summary>
    public static TheoryData<string, string, string[], string> Faults => new()
    {
        { "document-type", Proxmox, ["apiVersion: kubedos.ca/v1alpha1", "apiVersion: kubedos.ca/v2"], "apiVersion:" },
        { "cluster-name-dns1123", Proxmox, ["  name: lab-01", "  name: Lab_01"], "name: Lab_01" },
        { "substrate-variant", Proxmox, ["type: proxmox", "type: aws"], "type: aws" },
        { "vmid-range", Proxmox, ["vmidRange: { start: 2000, end: 2099 }", "vmidRange: { start: 2000, end: 2003 }"], "vmidRange:" },
        { "vlan-trunk-consistency", Proxmox, ["trunks: [10, 20, 30]", "trunks: [20, 30]"], "- { bridge: vmbr0, vlan: 10" },
        { "node-name-dns1123", Lab, ["name: w-1,", "name: W_1,"], "name: W_1" },
        { "node-name-unique", Lab, ["name: cp-3,", "name: cp-2,"], "index: 13" },
        { "failure-domain-declared", Proxmox, ["failureDomain: rack-b", "failureDomain: rack-c"], "rack-c" },
        { "node-resources", Proxmox, ["resources: { cpu: 8, memoryMiB: 16384 }", "resources: { cpu: 0, memoryMiB: 16384 }"], "cpu: 0" },
        { "ha-replicas-odd", Dev, ["enabled: false\n      controlPlaneReplicas: 1", "enabled: true\n      controlPlaneReplicas: 1"], "controlPlaneReplicas: 1" },
        { "ha-replicas-match-inventory", Proxmox, ["controlPlaneReplicas: 3", "controlPlaneReplicas: 5"], "controlPlaneReplicas: 5" },
        { "plane-cidr-valid", Proxmox, ["cidr: 10.102.0.0/24", "cidr: 10.102.0.1/24"], "10.102.0.1/24" },
        { "plane-cidr-disjoint", Lab, ["cidr: 10.102.0.0/24", "cidr: 10.101.0.0/25"], "10.101.0.0/25" },
        { "cluster-network-disjoint", Proxmox, ["    version: \"v1.30.4\"", "    version: \"v1.30.4\"\n    podCidr: 10.100.0.0/14"], "podCidr:" },
        { "cidr-range", Lab, ["cidr: 10.102.0.0/24", "cidr: 127.102.0.0/24"], "127.102.0.0/24" },
        { "plane-capacity", Proxmox, ["  # ---- Networking", "      - name: w-2\n        role: worker\n      - name: w-3\n        role: worker\n\n  # ---- Networking", "cidr: 10.101.0.0/24", "cidr: 10.101.0.0/29"], "10.101.0.0/29" },
        { "node-address-unique", Lab, ["index: 12", "index: 11"], "name: cp-2" },
        { "default-inter-plane-defined", Proxmox, ["      defaultInterPlane: deny\n", string.Empty], "policy:" },
        { "policy-plane-declared", Proxmox, ["{ from: wg2, to: wg3", "{ from: wg4, to: wg3"], "from: wg4" },
        { "policy-port-valid", Proxmox, ["\"3100/tcp\"", "\"3100/icmp\""], "3100/icmp" },
        { "ca-fingerprint", Proxmox, ["caFingerprint: \"sha256:3f1c", "caFingerprint: \"sha256:zz3f1c"], "caFingerprint: \"sha256:zz" },
        { "join-window", Proxmox, ["joinWindowMinutes: 30", "joinWindowMinutes: 0"], "joinWindowMinutes" },
        { "ssh-allow-users", Proxmox, ["allowUsers: [\"ops\"]", "allowUsers: [\"root\"]"], "allowUsers" },
        { "rotation-positive", Proxmox, ["wireguardDays: 30", "wireguardDays: 0"], "wireguardDays" },
        { "ceph-replication", Proxmox, ["    ceph:\n      enabled: false", "    ceph:\n      enabled: true\n      size: 3\n      minSize: 2\n      plane: wg3\n      failureDomain: failureDomain"], "size: 3" },
        { "version-pinned", Proxmox, ["version: \"v1.30.4\"", "version: \"v1.30.x\""], "version: \"v1.30.x\"" },
        { "cni-pinned", Lab, ["cni: { version: \"v1.16.1\" }", "cni: { version: \"1.13.4\" }"], "version: \"1.13.4\"" },
        { "observability-plane-declared", Proxmox, ["bindPlane: wg2", "bindPlane: wg9"], "bindPlane" },
        { "observability-nodes", Proxmox, ["bindPlane: wg2", "bindPlane: wg2\n      nodes: [cp-1, cp-9]"], "nodes: [cp-1, cp-9]" },
        // Every runnable-looking gate the local substrate cannot run is gate-needs-kubelet's; on a substrate that could run a
        // kubelet, k8s-health is still not one this build runs.
        { "gate-unsupported", Proxmox, ["      - security-baseline\n      - k8s-health", "      - security-baseline\n      - etcd-quorum\n      - k8s-health"], "- hubble-flows" },
        { "observability-needs-converge", Lab, ["    enabled: true               # stage 6", "    enabled: false              # stage 6", "      - etcd-quorum\n", "", "    ansible:\n      enabled: true", "    ansible:\n      enabled: false"], "" },
        { "observability-log-plane", Proxmox, ["      logPlane: loki", "      "], "observability:" },
        { "observability-gate-enabled", Lab, ["      enabled: true             # node exporters", "      enabled: false            # node exporters"], "- observability-stack" },
        { "etcd-plane-private", Lab, ["ports: [\"6443/tcp\", \"10250/tcp\"]", "ports: [\"6443/tcp\", \"2379/tcp\", \"10250/tcp\"]"], "2379/tcp" },
        { "acceptance-gate-known", Proxmox, ["- hubble-flows", "- hubble-flow"], "- hubble-flow" },
        { "drill-known", Proxmox, ["- name: delete-worker", "- name: delete-everything"], "delete-everything" },
        { "gate-needs-kubelet", Lab, ["      - security-baseline\n", "      - security-baseline\n      - k8s-health\n"], "- k8s-health" },
        { "unsupported-field", Lab, ["name: w-1, role: worker,", "name: w-1, role: worker, resources: { cpu: 2 },"], "resources: { cpu: 2 }" },
    };

    /// <summary>The rules that say what this build does not carry out (the proxmox example breaks them on purpose).</summary>
    private static readonly string[] SupportRules = ["unsupported-field", "gate-unsupported"];

    /// <summary>Every shipped stack file, found on disk, so a new stack cannot escape the checks.</summary>
    public static TheoryData<string> ShippedStacks() =>
        [.. Directory.GetFiles(RepositoryFiles.PathOf("stacks"), "*.yaml").Select(f => $"stacks/{Path.GetFileName(f)}").Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ShippedStacks))]
    public void Validate_ShippedStack_IsValidOrSaysItIsRefused(string stack)
    {
        var yaml = RepositoryFiles.Read(stack);

        var result = SpecText.Validate(yaml, stack);

        if (yaml.Contains("INTENTIONALLY REFUSED", StringComparison.Ordinal))
        {
            // Refused only for what this build does not carry out: its structure passes every other rule.
            Assert.False(result.Succeeded);
            Assert.All(result.Diagnostics, d => Assert.Contains(d.RuleId, SupportRules));
        }
        else
        {
            Assert.Empty(result.Diagnostics);
            Assert.True(result.Succeeded);
        }
    }

    [Fact]
    public void Validate_ProxmoxExample_IsRefusedAtEachFieldThisBuildDoesNotCarryOut()
    {
        var yaml = RepositoryFiles.Read(Proxmox);

        var result = SpecText.Validate(yaml, Proxmox);

        var refused = result.Diagnostics.Select(d => (d.RuleId, d.Path)).ToHashSet();
        Assert.Contains(("unsupported-field", "spec.substrate.type"), refused);
        Assert.Contains(("unsupported-field", "spec.substrate.proxmox"), refused);
        // Disks are carried out (a substrate attaches them, converge prepares them); the substrate type is what is refused.
        Assert.DoesNotContain(("unsupported-field", "spec.nodes.inventory[3].disks"), refused);
        Assert.DoesNotContain(("unsupported-field", "spec.kubernetes.enabled"), refused);
        Assert.Contains(("unsupported-field", "spec.storage.zfs.enabled"), refused);
        Assert.DoesNotContain(("unsupported-field", "spec.storage.ceph.enabled"), refused);
        Assert.Contains(("gate-unsupported", "spec.acceptance.required[2]"), refused);
        var zfs = Assert.Single(result.Diagnostics, d => d.Path == "spec.storage.zfs.enabled");
        Assert.Contains("not supported by this build yet", zfs.Message, StringComparison.Ordinal);
        var logPlane = Assert.Single(result.Diagnostics, d => d.Path == "spec.kubernetes.observability.logPlane");
        Assert.Equal("unsupported-field", logPlane.RuleId);
        Assert.Equal(SpecText.LineOf(yaml, "logPlane: loki"), logPlane.Location.Line);
        Assert.Contains("Loki and promtail are not obtainable on this machine", logPlane.Message, StringComparison.Ordinal);
        var gate = Assert.Single(result.Diagnostics, d => d.RuleId == "gate-unsupported" && d.Message.Contains("'hubble-flows'", StringComparison.Ordinal));
        Assert.Equal(SpecText.LineOf(yaml, "- hubble-flows"), gate.Location.Line);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public void Validate_SpecBreakingOneRule_ReportsOnlyThatRuleWithItsLine(string rule, string stack, string[] edits, string lineMarker)
    {
        var yaml = RepositoryFiles.Read(stack);
        for (var i = 0; i < edits.Length; i += 2)
        {
            yaml = SpecText.ReplaceOnce(yaml, edits[i], edits[i + 1]);
        }

        var before = SpecText.Validate(RepositoryFiles.Read(stack), "fault.yaml").Diagnostics.Select(d => (d.RuleId, d.Path)).ToHashSet();
        var result = SpecText.Validate(yaml, "fault.yaml");

        // What the edit added; on the proxmox example, fields it sets that this build refuses are not the rule under test.
        var added = result.Diagnostics
            .Where(d => !before.Contains((d.RuleId, d.Path)))
            .Where(d => SupportRules.Contains(rule) || !SupportRules.Contains(d.RuleId))
            .ToList();
        Assert.False(result.Succeeded);
        Assert.NotEmpty(added);
        Assert.All(added, d => Assert.Equal(rule, d.RuleId));
        Assert.All(added, d => Assert.Equal("fault.yaml", d.Location.File));
        Assert.All(added, d => Assert.False(string.IsNullOrWhiteSpace(d.Message)));
        if (lineMarker.Length > 0)
        {
            Assert.Contains(added, d => d.Location.Line == SpecText.LineOf(yaml, lineMarker));
        }
    }

    [Fact]
    public void Faults_CoverEveryRule()
    {
        var covered = Faults.Select(row => (string)row[0]).ToHashSet();

        Assert.Equal(SpecRules.Described.Select(r => r.Id).Order(), covered.Order());
    }

    [Fact]
    public void SpecRules_Ids_AreUniqueDescribedAndDocumentedWordForWord()
    {
        var readme = RepositoryFiles.Read("spec/README.md");

        Assert.Equal(SpecRules.Described.Count, SpecRules.Described.Select(r => r.Id).Distinct().Count());
        Assert.All(SpecRules.Described, r => Assert.False(string.IsNullOrWhiteSpace(r.Summary)));

        // The README's row is the rule's own summary, so a hand copy of its source ({string.Join(...) fails here.
        Assert.All(SpecRules.Described, r => Assert.Contains($"| `{r.Id}` | {r.Summary} |", readme, StringComparison.Ordinal));
        Assert.DoesNotContain("{string.Join(", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralFaults_ReportsAllOfThemInFileOrder()
    {
        var yaml = RepositoryFiles.Read(Lab)
            .Replace("controlPlaneReplicas: 3", "controlPlaneReplica: 3", StringComparison.Ordinal)
            .Replace("cidr: 10.102.0.0/24", "cidr: 10.101.0.0/24", StringComparison.Ordinal)
            .Replace("joinWindowMinutes: 30", "joinWindowMinutes: 0", StringComparison.Ordinal);

        var result = SpecText.Validate(yaml);

        Assert.Equal(
            ["plane-cidr-disjoint", "join-window", "required-field", "unknown-field"],
            result.Diagnostics.Select(d => d.RuleId));
        Assert.Equal(result.Diagnostics.OrderBy(d => d.Location.Line).Select(d => d.Location.Line), result.Diagnostics.Select(d => d.Location.Line));
    }

    [Fact]
    public void Validate_PlaneOverlappingServiceNetworkDefault_NamesBothNetworks()
    {
        var yaml = SpecText.ReplaceOnce(RepositoryFiles.Read(Proxmox), "cidr: 10.103.0.0/24", "cidr: 10.96.4.0/24");

        var result = SpecText.Validate(yaml);

        var diagnostic = Assert.Single(result.Diagnostics, d => !SupportRules.Contains(d.RuleId));
        Assert.Equal("cluster-network-disjoint", diagnostic.RuleId);
        Assert.Contains("10.96.0.0/16", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("wg3", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LabUnderlayOverlappingPlane_IsRejected()
    {
        var yaml = SpecText.ReplaceOnce(RepositoryFiles.Read(Lab), "underlayCidr: 10.250.1.0/24", "underlayCidr: 10.101.0.0/16");

        var result = SpecText.Validate(yaml);

        Assert.Contains(result.Diagnostics, d => d.RuleId == "cluster-network-disjoint" && d.Message.Contains("lab underlay", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_UpperCaseCaPin_IsRejectedAsTheTrustStageWouldReject()
    {
        var yaml = SpecText.ReplaceOnce(RepositoryFiles.Read(Proxmox), "caFingerprint: \"sha256:3f1c9a5e", "caFingerprint: \"sha256:3F1C9A5E");

        var result = SpecText.Validate(yaml);

        Assert.Contains(result.Diagnostics, d => d.RuleId == "ca-fingerprint" && d.Message.Contains("lower-case", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_LabUnderlayTooSmallForTheNodeIndexes_IsRejectedAtTheNode()
    {
        var yaml = SpecText.ReplaceOnce(RepositoryFiles.Read(Lab), "underlayCidr: 10.250.1.0/24", "underlayCidr: 10.250.1.0/28");

        var result = SpecText.Validate(yaml);

        var finding = Assert.Single(result.Diagnostics, d => d.RuleId == "node-address-unique");
        Assert.Contains("node 'w-1' takes host offset 21", finding.Message, StringComparison.Ordinal);
        Assert.Equal(SpecText.LineOf(yaml, "name: w-1"), finding.Location.Line);
        Assert.Contains("beyond the lab underlay 10.250.1.0/28", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_TextEndingInNewline_DoNotPassThePatternChecks()
    {
        var document = Assert.IsType<Kubedos.Spec.Model.ClusterDocument>(SpecText.Validate(RepositoryFiles.Read(Proxmox)).Document);
        var spec = document.Spec;

        // Past the loader (which refuses control characters), each pattern must still refuse a trailing newline on its own.
        var broken = document with
        {
            Metadata = document.Metadata with { Name = "lab-01\n" },
            Spec = spec with
            {
                Security = spec.Security with { Ssh = spec.Security.Ssh with { AllowUsers = ["ops\n"] } },
                Kubernetes = spec.Kubernetes with { Version = "v1.30.4\n" },
            },
        };

        // The proxmox stack is refused as a whole (unsupported fields and gates): only what the newlines add counts.
        var before = SpecRules.All.Where(r => r.Evaluate(document).Any()).Select(r => r.Id).ToHashSet();
        var failed = SpecRules.All.Where(r => r.Evaluate(broken).Any()).Select(r => r.Id).Where(id => !before.Contains(id)).Order();

        Assert.Equal(["cluster-name-dns1123", "ssh-allow-users", "version-pinned"], failed);
    }

    [Theory]
    [InlineData("cidr: 10.102.0.0/24", "cidr: 127.102.0.0/24", "spec.networking.planes.wg2.cidr", "loopback range 127.0.0.0/8, which cannot carry a plane")]
    [InlineData("cidr: 10.102.0.0/24", "cidr: 224.102.0.0/24", "spec.networking.planes.wg2.cidr", "multicast range 224.0.0.0/4")]
    [InlineData("underlayCidr: 10.250.1.0/24", "underlayCidr: 169.254.1.0/24", "spec.substrate.local.underlayCidr", "link-local range 169.254.0.0/16")]
    [InlineData("cidr: 10.102.0.0/24", "cidr: 8.102.0.0/24", "spec.networking.planes.wg2.cidr", "set spec.networking.allowPublicRanges: true")]
    public void Validate_CidrOutsidePrivateSpace_NamesTheRangeAndTheField(string find, string replace, string path, string message)
    {
        var result = SpecText.Validate(SpecText.ReplaceOnce(RepositoryFiles.Read(Lab), find, replace));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("cidr-range", path), (diagnostic.RuleId, diagnostic.Path));
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PublicRangeWithOptIn_IsValidButSpecialRangesAreNot()
    {
        var yaml = SpecText.ReplaceOnce(RepositoryFiles.Read(Lab), "cidr: 10.102.0.0/24", "cidr: 8.102.0.0/24");
        yaml = SpecText.ReplaceOnce(yaml, "    planes:", "    allowPublicRanges: true\n    planes:");

        Assert.Empty(SpecText.Validate(yaml).Diagnostics);
        Assert.Equal("cidr-range", Assert.Single(SpecText.Validate(SpecText.ReplaceOnce(yaml, "8.102.0.0/24", "0.102.0.0/24")).Diagnostics).RuleId);
    }

    [Fact]
    public void Validate_PlaneCidrWithLeadingZeros_IsRefusedNotReadAsOctal()
    {
        var result = SpecText.Validate(SpecText.ReplaceOnce(RepositoryFiles.Read(Lab), "cidr: 10.101.0.0/24", "cidr: 010.101.000.000/24"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("plane-cidr-valid", diagnostic.RuleId);
        Assert.Contains("leading zero", diagnostic.Message, StringComparison.Ordinal);
    }
}
