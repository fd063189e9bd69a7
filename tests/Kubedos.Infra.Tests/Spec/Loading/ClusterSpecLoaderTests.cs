using Kubedos.Spec.Loading;
using Kubedos.Spec.Model;

namespace Kubedos.Infra.Tests.Spec.Loading;

public sealed class ClusterSpecLoaderTests
{
    private static string Lab => RepositoryFiles.Read("stacks/lab-01.yaml");

    [Fact]
    public void Load_ShippedLabStack_BindsEveryField()
    {
        var result = ClusterSpecLoader.Load("lab.yaml", System.Text.Encoding.UTF8.GetBytes(Lab));

        Assert.True(result.Succeeded);
        var spec = result.Document!.Spec;
        Assert.Equal("lab-01", result.Document.Metadata.Name);
        Assert.Equal(SubstrateType.Local, spec.Substrate.Type);
        Assert.True(spec.Substrate.AllowDestroy);
        Assert.Equal("10.250.1.0/24", spec.Substrate.Local!.UnderlayCidr);
        Assert.Equal(["cp-1", "cp-2", "cp-3", "w-1"], spec.Nodes.Inventory.Select(n => n.Name));
        Assert.Equal(NodeRole.ControlPlane, spec.Nodes.Inventory[0].Role);
        Assert.Equal(21, spec.Nodes.Inventory[3].Index);
        Assert.Equal(PlanePurpose.KubernetesBackend, spec.Networking.Planes["wg3"].Purpose);
        Assert.Equal(InterPlaneDefault.Deny, spec.Networking.Policy.DefaultInterPlane);
        Assert.Equal(["6443/tcp", "10250/tcp"], spec.Networking.Policy.Allow[0].Ports);
        Assert.Equal(EnrollmentMode.TokenPin, spec.Security.Enrollment.Mode);
        Assert.Equal(3, spec.Kubernetes.Ha.ControlPlaneReplicas);
        Assert.Equal(["backplane-matrix", "security-baseline", "observability-stack", "etcd-quorum"], spec.Acceptance.Required);
        Assert.True(spec.Kubernetes.Enabled);
        Assert.Equal(("v1.30.4", "v1.16.1"), (spec.Kubernetes.Version, spec.Kubernetes.Cni.Version));
        Assert.True(spec.Kubernetes.Observability.Enabled);
        Assert.Equal(LogPlane.Rsyslog, spec.Kubernetes.Observability.LogPlane);
    }

    [Fact]
    public void Load_OmittedSections_TakeTheDocumentedSafeDefaults()
    {
        var result = ClusterSpecLoader.Load("dev.yaml", System.Text.Encoding.UTF8.GetBytes(RepositoryFiles.Read("stacks/dev.yaml")));

        var spec = result.Document!.Spec;
        Assert.False(spec.Orchestration.Ansible.Safety.AllowWipe);
        Assert.False(spec.Orchestration.Ansible.Safety.AllowRepartition);
        Assert.False(spec.Kubernetes.AllowReset);
        Assert.False(spec.Security.Ssh.PermitRootLogin);
        Assert.Equal(30, spec.Security.Rotation.WireguardDays);
        Assert.Equal("10.96.0.0/16", spec.Kubernetes.ServiceCidr);
    }

    [Fact]
    public void Load_TypoInFieldName_IsAnErrorWithSuggestionAndPosition()
    {
        var yaml = SpecText.ReplaceOnce(Lab, "controlPlaneReplicas: 3", "controlPlaneReplica: 3");

        var result = ClusterSpecLoader.Load("typo.yaml", System.Text.Encoding.UTF8.GetBytes(yaml));

        var unknown = Assert.Single(result.Diagnostics, d => d.RuleId == "unknown-field");
        Assert.Equal(SpecText.LineOf(yaml, "controlPlaneReplica:"), unknown.Location.Line);
        Assert.Equal(7, unknown.Location.Column);
        Assert.Contains("did you mean 'controlPlaneReplicas'", unknown.Message, StringComparison.Ordinal);
        Assert.Equal("spec.kubernetes.ha.controlPlaneReplica", unknown.Path);
        Assert.StartsWith($"typo.yaml:{unknown.Location.Line}:7: error unknown-field:", unknown.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("joinWindowMinutes: 30", "joinWindowMinutes: thirty", "type-mismatch")]
    [InlineData("joinWindowMinutes: 30", "joinWindowMinutes: \"30\"", "type-mismatch")]
    [InlineData("passwordAuth: false", "passwordAuth: no", "type-mismatch")]
    [InlineData("allowUsers: [\"ops\"]", "allowUsers: ops", "type-mismatch")]
    [InlineData("mode: deterministic", "mode: random", "invalid-value")]
    [InlineData("allowDestroy: true", "allowDestroy: yes", "destructive-flag-explicit")]
    [InlineData("allowReset: false", "allowReset: \"false\"", "destructive-flag-explicit")]
    [InlineData("allowWipe: false", "allowWipe: 0", "destructive-flag-explicit")]
    [InlineData("  name: lab-01\n", "  name: lab-01\n  owner: me\n", "unknown-field")]
    [InlineData("kind: Cluster\n", "", "required-field")]
    public void Load_WrongValue_IsReportedWithItsRule(string find, string replace, string rule)
    {
        var yaml = SpecText.ReplaceOnce(Lab, find, replace);

        var result = ClusterSpecLoader.Load("bad.yaml", System.Text.Encoding.UTF8.GetBytes(yaml));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(rule, diagnostic.RuleId);
        Assert.True(diagnostic.Location.Line >= 1);
    }

    [Fact]
    public void LoadFile_MissingFile_IsOneClearError()
    {
        var result = ClusterSpecLoader.LoadFile("/nonexistent/kubedos/spec.yaml");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("file-not-found", diagnostic.RuleId);
        Assert.Null(result.Document);
    }

    [Theory]
    [InlineData("", "document-empty")]
    [InlineData("   \n# only a comment\n\n", "document-empty")]
    [InlineData("apiVersion: [unclosed\nkind: Cluster\n", "yaml-syntax")]
    [InlineData("a: 1\n---\nb: 2\n", "document-multiple")]
    [InlineData("- just\n- a list\n", "type-mismatch")]
    [InlineData("a: 1\na: 2\n", "yaml-syntax")]
    public void Load_UnusableDocument_IsOneClearError(string yaml, string rule)
    {
        var result = ClusterSpecLoader.Load("doc.yaml", System.Text.Encoding.UTF8.GetBytes(yaml));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(rule, diagnostic.RuleId);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void Load_BinaryContent_IsRejectedAsNotText()
    {
        byte[] bytes = [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0xff, 0xfe];

        var result = ClusterSpecLoader.Load("kubedos.bin", bytes);

        Assert.Equal("file-not-text", Assert.Single(result.Diagnostics).RuleId);
    }

    [Fact]
    public void Load_MalformedYaml_PointsAtTheFault()
    {
        const string yaml = "apiVersion: kubedos.ca/v1alpha1\nkind: Cluster\nmetadata:\n  name: [x\n";

        var result = ClusterSpecLoader.Load("m.yaml", System.Text.Encoding.UTF8.GetBytes(yaml));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("yaml-syntax", diagnostic.RuleId);
        Assert.True(diagnostic.Location.Line >= 4, diagnostic.ToString());
    }

    [Fact]
    public void Load_OnlyDocumentEndMarker_IsAnEmptyDocument()
    {
        var result = ClusterSpecLoader.Load("dots.yaml", "...\n"u8);

        Assert.Equal("document-empty", Assert.Single(result.Diagnostics).RuleId);
    }

    [Fact]
    public void Load_ByteOrderMark_IsSkipped()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(Lab)];

        Assert.True(ClusterSpecLoader.Load("bom.yaml", bytes).Succeeded);
    }

    [Fact]
    public void Load_TwentyThousandNestedFlowMappings_IsOneErrorAtTheLine()
    {
        var yaml = Lab + "extra: " + string.Concat(Enumerable.Repeat("{a: ", 20_000)) + "1" + new string('}', 20_000) + "\n";

        var diagnostic = Assert.Single(ClusterSpecLoader.Load("deep.yaml", System.Text.Encoding.UTF8.GetBytes(yaml)).Diagnostics);

        Assert.Equal("yaml-nesting-depth", diagnostic.RuleId);
        Assert.Equal(Lab.Split('\n').Length, diagnostic.Location.Line);
    }

    [Fact]
    public void Load_AliasBomb_IsRefusedQuickly()
    {
        var bomb = string.Join("\n", Enumerable.Range(1, 8).Select(i => $"  l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]"));
        var yaml = Lab + "bomb:\n  l0: &l0 [x, x, x, x, x, x, x, x, x]\n" + bomb + "\n";

        var diagnostic = Assert.Single(ClusterSpecLoader.Load("bomb.yaml", System.Text.Encoding.UTF8.GetBytes(yaml)).Diagnostics);

        Assert.Equal("yaml-alias-expansion", diagnostic.RuleId);
    }

    [Fact]
    public void Load_TabIndentation_IsReportedAtItsLine()
    {
        var lines = Lab.Split('\n');
        var at = Array.FindIndex(lines, l => l.StartsWith("  name:", StringComparison.Ordinal));
        lines[at] = "\t" + lines[at].TrimStart();

        var diagnostic = Assert.Single(ClusterSpecLoader.Load("tab.yaml", System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines))).Diagnostics);

        Assert.Equal(("yaml-syntax", at + 1, 1), (diagnostic.RuleId, diagnostic.Location.Line, diagnostic.Location.Column));
    }

    [Fact]
    public void Load_InvalidUtf8_IsReportedAtItsLineAndColumn()
    {
        var text = System.Text.Encoding.UTF8.GetBytes(Lab);
        var secondLine = Array.IndexOf(text, (byte)'\n') + 1;
        byte[] bytes = [.. text[..secondLine], 0xC3, 0x28, .. text[secondLine..]];

        var diagnostic = Assert.Single(ClusterSpecLoader.Load("bad.yaml", bytes).Diagnostics);

        Assert.Equal(("file-not-text", 2, 1), (diagnostic.RuleId, diagnostic.Location.Line, diagnostic.Location.Column));
    }

    [Theory]
    [InlineData("/dev/zero", "character device")]
    [InlineData(null, "FIFO")]
    public void LoadFile_NotARegularFile_IsRefusedWithoutReading(string? path, string kind)
    {
        var dir = Directory.CreateTempSubdirectory("kubedos-spec-").FullName;
        try
        {
            if (path is null)
            {
                path = Path.Combine(dir, "spec.yaml");
                using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
                mkfifo.WaitForExit();
            }

            var diagnostic = Assert.Single(ClusterSpecLoader.LoadFile(path).Diagnostics);

            Assert.Equal("file-not-regular", diagnostic.RuleId);
            Assert.Contains(kind, diagnostic.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("name: lab-01", "name: \"lab-01\\n\"", "metadata.name")]
    [InlineData("- { name: w-1,", "- { name: \"w-1\\n\",", "spec.nodes.inventory[3].name")]
    [InlineData("allowUsers: [", "allowUsers: [\"ops\\u001b[31m\", ", "spec.security.ssh.allowUsers[0]")]
    public void Load_ControlCharacterInText_IsRefusedAtTheField(string find, string replace, string path)
    {
        Assert.Contains(find, Lab, StringComparison.Ordinal);
        var yaml = Lab.Replace(find, replace, StringComparison.Ordinal);

        var diagnostic = Assert.Single(ClusterSpecLoader.Load("nl.yaml", System.Text.Encoding.UTF8.GetBytes(yaml)).Diagnostics);

        Assert.Equal(("control-character", path), (diagnostic.RuleId, diagnostic.Path));
    }
}
