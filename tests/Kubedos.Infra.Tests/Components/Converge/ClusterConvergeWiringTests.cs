using Kubedos.Components.Access;
using Kubedos.Components.Converge;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Model;
using Kubedos.Engine.Testing;
using Kubedos.Providers.Ansible;
using Kubedos.Providers.Command;

namespace Kubedos.Infra.Tests.Components.Converge;

/// <summary>Stage 5's wiring in memory: one playbook whose inputs are the files' digest, the inventory, the pinned keys and the variables.</summary>
public sealed class ClusterConvergeWiringTests : IDisposable
{
    private readonly string _ansible = Directory.CreateTempSubdirectory("kubedos-ansible-content-").FullName;

    public ClusterConvergeWiringTests()
    {
        File.WriteAllText(Path.Combine(_ansible, AnsibleContent.Playbook), "- hosts: all\n  roles: [supervision]\n");
        Directory.CreateDirectory(Path.Combine(_ansible, "roles", "supervision", "tasks"));
        File.WriteAllText(Path.Combine(_ansible, "roles", "supervision", "tasks", "main.yml"), "[]\n");
        File.WriteAllText(Path.Combine(_ansible, "README.md"), "documentation only\n");
    }

    public void Dispose() => Directory.Delete(_ansible, recursive: true);

    [Fact]
    public async Task ClusterConverge_Lab01_OnePlaybookWithPinnedKeysInventoryAndSecretVariables()
    {
        var result = await RunAsync(Variables(("cp-1", "etcd_key", ConvergeVariable.Private(Output.Create("KEY-PEM"))), ("cp-1", "etcd_name", ConvergeVariable.Plain(Output.Create("cp-1")))));

        Assert.Null(result.ProgramError);
        var playbook = result.Single(Playbook.TypeToken, "site");
        Assert.Equal(result.Single(ClusterConverge.TypeToken, "converge").Urn, playbook.Parent);
        Assert.Equal(
            ["10.101.0.11 " + Key(11), "10.101.0.12 " + Key(12), "10.101.0.13 " + Key(13), "10.101.0.21 " + Key(21)],
            playbook.Inputs["knownHosts"].AsString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("ops", playbook.Inputs["user"].AsString());
        Assert.True(playbook.Inputs["privateKey"].IsSecret);
        Assert.Equal(["roles/supervision/tasks/main.yml", "site.yml"], playbook.Inputs["files"].AsArray().Select(f => f.AsString()));
        Assert.Equal(AnsibleContent.Read(_ansible).Digest, playbook.Inputs["digest"].AsString());
        Assert.Contains("\"control_plane\"", playbook.Inputs["inventory"].AsString(), StringComparison.Ordinal);
        var cp1 = playbook.Inputs["hostVariables"].Unwrapped.AsObject()["cp-1"].Unwrapped.AsObject();
        Assert.True(cp1["etcd_key"].IsSecret);
        Assert.False(cp1["etcd_name"].IsSecret);
    }

    [Fact]
    public async Task ClusterConverge_HostKeyNotMatchingItsExportedFingerprint_IsRefused()
    {
        // The known_hosts never forms: the playbook cannot register (a real deployment fails the resource, the harness throws).
        var error = await Record.ExceptionAsync(() => RunAsync(ConvergeArgs.NoVariables, tamper: "cp-2"));

        var failure = error?.Message;
        Assert.Contains("node cp-2: host key", failure, StringComparison.Ordinal);
        Assert.Contains("does not match the fingerprint first boot exported", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterConverge_VariablesForANodeNotInTheSpec_AreRefused()
    {
        var result = await RunAsync(Variables(("cp-9", "x", ConvergeVariable.Plain(Output.Create("y")))));

        Assert.Contains("cp-9", result.ProgramError, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DocumentationIsNotPartOfTheDigest()
    {
        var before = AnsibleContent.Read(_ansible).Digest;
        File.WriteAllText(Path.Combine(_ansible, "README.md"), "changed documentation\n");
        var afterDocs = AnsibleContent.Read(_ansible).Digest;
        File.WriteAllText(Path.Combine(_ansible, "roles", "supervision", "tasks", "main.yml"), "- ansible.builtin.meta: noop\n");

        Assert.Equal(before, afterDocs);
        Assert.NotEqual(before, AnsibleContent.Read(_ansible).Digest);
    }

    private Task<DeploymentTestResult> RunAsync(IReadOnlyDictionary<string, IReadOnlyDictionary<string, ConvergeVariable>> variables, string? tamper = null)
    {
        var cluster = LabSpecs.Lab01;
        var endpoints = cluster.Nodes.Select(n => new AccessEndpoint(
            n.Name,
            n.PlaneAddresses["wg1"].ToString(),
            Output.Create(Key((int)n.Offset)),
            Output.Create(SshHostKeyPin.OfPublicKeyLine(Key((int)n.Offset + (n.Name == tamper ? 1 : 0)))))).ToList();
        var content = AnsibleContent.Read(_ansible);
        return DeploymentTest.RunAsync(
            StackProgram.Create(stack =>
            {
                _ = new ClusterConverge(
                "converge", new ConvergeArgs(cluster, "lab-01", new NodeAccess("ops", Output.Create("PEM"), endpoints), content, variables));
            }),
            Mocks.EchoInputs,
            new TestOptions { ProjectName = "kubedos", StackName = "lab-01" });
    }

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, ConvergeVariable>> Variables(params (string Node, string Name, ConvergeVariable Value)[] variables) =>
        variables.GroupBy(v => v.Node).ToDictionary(
            g => g.Key, g => (IReadOnlyDictionary<string, ConvergeVariable>)g.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal), StringComparer.Ordinal);

    // A well-formed ed25519 public key whose 32 key bytes are all `seed`.
    private static string Key(int seed) =>
        "ssh-ed25519 " + Convert.ToBase64String([0, 0, 0, 11, .. "ssh-ed25519"u8, 0, 0, 0, 32, .. Enumerable.Repeat((byte)seed, 32)]);

}
