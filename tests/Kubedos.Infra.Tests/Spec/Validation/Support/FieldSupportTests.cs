using System.Text.Json.Nodes;
using Kubedos.Spec.Schema;
using Kubedos.Spec.Validation.Support;

namespace Kubedos.Infra.Tests.Spec.Validation.Support;

public sealed class FieldSupportTests
{
    private const string Lab = "stacks/lab-01.yaml";

    [Fact]
    public void Entries_NameFieldsOfTheModelOnceWithoutNesting()
    {
        Assert.All(FieldSupport.Entries, e => FieldSupport.Locate(e));
        Assert.Equal(FieldSupport.Entries.Count, FieldSupport.Entries.Select(e => e.Path).Distinct().Count());

        // A refused section refuses its fields: an entry inside another would be reported twice.
        Assert.All(FieldSupport.Entries, e => Assert.DoesNotContain(FieldSupport.Entries, o => e.Path.StartsWith(o.Path + ".", StringComparison.Ordinal)));
        Assert.All(FieldSupport.Entries.Where(e => e.Kind != FieldSupportKind.RefusedWhenSet), e => Assert.DoesNotContain("[]", e.Path, StringComparison.Ordinal));
    }

    [Fact]
    public void Entries_AreListedInTheReadmeWordForWord()
    {
        var readme = RepositoryFiles.Read("spec/README.md");

        Assert.All(FieldSupport.Entries, e => Assert.Contains($"| `{e.Path}` | {e.Verdict} |", readme, StringComparison.Ordinal));
        Assert.Equal(FieldSupport.Entries.Count, readme.Split('\n').Count(l => l.StartsWith("| `spec.", StringComparison.Ordinal) || l.StartsWith("| `metadata.", StringComparison.Ordinal)));
    }

    [Fact]
    public void Schema_DescribesEveryRefusedField()
    {
        var schema = JsonNode.Parse(ClusterSpecSchema.Generate())!;

        Assert.All(FieldSupport.Entries, e =>
        {
            var (declaring, field) = FieldSupport.Locate(e);
            var description = (string?)schema["$defs"]![declaring.Name]!["properties"]![field]!["description"];
            Assert.Contains(e.Verdict, description, StringComparison.Ordinal);
        });
        Assert.DoesNotContain("supported by this build", (string?)schema["$defs"]!["NodeSpec"]!["properties"]!["index"]!["description"], StringComparison.Ordinal);
        Assert.Contains("This build runs backplane-matrix, security-baseline, etcd-quorum, observability-stack;", (string?)schema["$defs"]!["AcceptanceSpec"]!["properties"]!["required"]!["description"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("allowReset: false", "allowReset: true", "spec.kubernetes.allowReset", "allowReset: true")]
    [InlineData("cni: { version: \"v1.16.1\" }", "cni: { version: \"v1.16.1\", policyDefault: allow }", "spec.kubernetes.cni.policyDefault", "policyDefault: allow")]
    [InlineData("      safety:\n", "      version: \"2.14\"\n      safety:\n", "spec.orchestration.ansible.version", "version: \"2.14\"")]
    [InlineData("mode: token+pin", "mode: offline-approve", "spec.security.enrollment.mode", "mode: offline-approve")]
    [InlineData("mode: deterministic", "mode: static", "spec.networking.addressing.mode", "mode: static")]
    [InlineData("type: local", "type: aws", "spec.substrate.type", "type: aws")]
    [InlineData("      nodeCertDays: 90\n", "      nodeCertDays: 90\n      kubeCertDays: 90\n", "spec.security.rotation.kubeCertDays", "kubeCertDays")]
    [InlineData("  name: lab-01\n", "  name: lab-01\n  labels: { owner: platform }\n", "metadata.labels", "labels:")]
    [InlineData("{ name: cp-1, role: control-plane,", "{ name: cp-1, role: control-plane, failureDomain: rack-a,", "spec.nodes.inventory[0].failureDomain", "failureDomain: rack-a")]
    [InlineData("  acceptance:\n", "  storage:\n    ceph: { enabled: false, size: 3 }\n\n  acceptance:\n", "spec.storage.ceph.size", "ceph:")]
    public void Validate_FieldThisBuildDoesNotCarryOut_IsRefusedAtItsLine(string find, string replace, string path, string line)
    {
        var yaml = SpecText.ReplaceOnce(RepositoryFiles.Read(Lab), find, replace);

        var result = SpecText.Validate(yaml);

        var refused = Assert.Single(result.Diagnostics, d => d.RuleId == "unsupported-field");
        Assert.Equal(path, refused.Path);
        Assert.Contains("not supported by this build yet", refused.Message, StringComparison.Ordinal);
        Assert.Equal(SpecText.LineOf(yaml, line), refused.Location.Line);
    }

    [Fact]
    public void Validate_SwitchesOfMissingStagesWrittenFalse_AreAccepted()
    {
        var yaml = SpecText.ReplaceOnce(
            RepositoryFiles.Read(Lab),
            "  orchestration:\n",
            "  storage:\n    zfs: { enabled: false }\n    ceph: { enabled: false }\n\n  orchestration:\n    salt: { enabled: false }\n");

        var result = SpecText.Validate(yaml);

        Assert.Empty(result.Diagnostics);
        Assert.Contains("allowReset: false", yaml, StringComparison.Ordinal);
        Assert.Contains("    enabled: true               # stage 6", yaml, StringComparison.Ordinal);
    }
}
