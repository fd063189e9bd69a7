using System.Text;
using Kubedos.Spec.Loading;
using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;
using Kubedos.Spec.Validation.Support;

namespace Kubedos.Infra.Tests.Spec.Normalisation;

public sealed class SpecNormaliserTests
{
    private static NormalisedCluster Normalise(string yaml)
    {
        var result = SpecText.Validate(yaml);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return SpecNormaliser.Normalise(result.Document!);
    }

    [Fact]
    public void Normalise_CarriesWhatTheStagesConsume()
    {
        var cluster = Normalise(RepositoryFiles.Read("stacks/lab-01.yaml"));

        Assert.Equal("ops", cluster.Security.Ssh.OperatorUser);
        Assert.Equal(["ops"], cluster.Security.Ssh.AllowUsers);
        Assert.Equal(30, cluster.Security.Rotation.WireguardDays);
        Assert.Equal("cp-1", cluster.PrimaryControlPlane.Name);
        Assert.Equal(SubstrateType.Local, cluster.Substrate.Type);
        Assert.Equal("10.250.1.0/24", cluster.Substrate.LocalUnderlay.ToString());
        Assert.Equal(InterPlaneDefault.Deny, cluster.PlanePolicy.DefaultInterPlane);
        Assert.False(cluster.PlanePolicy.OpenByDefault);
        Assert.Equal(
            ["wg1->wg3 6443/tcp,2379-2380/tcp,10250/tcp", "wg2->wg3 9090/tcp,3000/tcp,3100/tcp"],
            cluster.PlanePolicy.Allow.Select(r => $"{r.From.Name}->{r.To.Name} {string.Join(',', r.Ports)}"));
    }

    [Fact]
    public void Normalise_OperatorUser_IsTheFirstAllowedUser()
    {
        var yaml = SpecText.ReplaceOnce(RepositoryFiles.Read("stacks/lab-01.yaml"), "allowUsers: [\"ops\"]", "allowUsers: [\"deploy\", \"ops\"]");

        Assert.Equal("deploy", Normalise(yaml).Security.Ssh.OperatorUser);
    }

    [Fact]
    public void Normalise_PrimaryControlPlane_IsTheFirstControlPlaneInSpecOrderNotTheFirstNode()
    {
        var yaml = SpecText.ReplaceOnce(
            RepositoryFiles.Read("stacks/lab-01.yaml"),
            "      - { name: cp-1, role: control-plane, index: 11 }\n",
            "      - { name: w-0, role: worker, index: 20 }\n      - { name: cp-1, role: control-plane, index: 11 }\n");

        var cluster = Normalise(yaml);

        Assert.Equal("w-0", cluster.Nodes[0].Name);
        Assert.Equal("cp-1", cluster.PrimaryControlPlane.Name);
    }

    [Fact]
    public void Gates_NoneRequired_AreEveryGateThisBuildRuns()
    {
        Assert.Equal(FieldSupport.RunnableGates, SpecNormaliser.Gates(new AcceptanceSpec()));
        Assert.Equal(["security-baseline"], SpecNormaliser.Gates(new AcceptanceSpec { Required = ["security-baseline"] }));
    }

    [Fact]
    public void Gates_RequiredGateThisBuildCannotRun_IsRefusedNotDropped()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SpecNormaliser.Gates(new AcceptanceSpec { Required = ["backplane-matrix", "k8s-health"] }));

        Assert.Contains("'k8s-health'", error.Message, StringComparison.Ordinal);
        Assert.Contains("gate-unsupported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalise_ExplicitIndexes_GiveTheSameHostOnEveryPlane()
    {
        var cluster = Normalise(RepositoryFiles.Read("stacks/lab-01.yaml"));

        var cp2 = cluster.Node("cp-2");
        Assert.Equal("10.101.0.12", cp2.PlaneAddresses["wg1"].ToString());
        Assert.Equal("10.102.0.12", cp2.PlaneAddresses["wg2"].ToString());
        Assert.Equal("10.103.0.12", cp2.PlaneAddresses["wg3"].ToString());
        Assert.Equal("10.101.0.254", cluster.Plane("wg1").OperatorAddress.ToString());
        Assert.Equal(51821, cluster.Plane("wg1").ListenPort);
        Assert.Equal(51823, cluster.Plane("wg3").ListenPort);
    }

    [Fact]
    public void Normalise_IsDeterministic()
    {
        var yaml = Unindexed();

        var first = Normalise(yaml).Nodes.Select(n => (n.Name, n.PlaneAddresses["wg1"].ToString()));
        var second = Normalise(yaml).Nodes.Select(n => (n.Name, n.PlaneAddresses["wg1"].ToString()));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Normalise_AddingOrRemovingANode_NeverMovesAnotherNode()
    {
        // Without indexes every address is derived from the node's name.
        var yaml = Unindexed();
        var before = Addresses(Normalise(yaml));

        var withoutCp2 = SpecText.ReplaceOnce(yaml, "      - { name: cp-2, role: control-plane }\n", string.Empty);
        var removed = Addresses(SpecNormaliser.Normalise(ClusterSpecLoader.Load("x.yaml", Encoding.UTF8.GetBytes(withoutCp2)).Document!));
        var withW2 = SpecText.ReplaceOnce(yaml, "      - { name: w-1, role: worker }\n", "      - { name: w-1, role: worker }\n      - { name: w-2, role: worker }\n");
        var added = Addresses(Normalise(withW2));

        Assert.DoesNotContain("cp-2", removed.Keys);
        Assert.All(removed, kv => Assert.Equal(before[kv.Key], kv.Value));
        Assert.Equal(5, added.Count);
        Assert.All(before, kv => Assert.Equal(kv.Value, added[kv.Key]));
    }

    [Fact]
    public void Render_Inventory_GroupsNodesByRoleWithPlaneAddresses()
    {
        var cluster = Normalise(RepositoryFiles.Read("stacks/lab-01.yaml"));

        var inventory = System.Text.Json.Nodes.JsonNode.Parse(InventoryRenderer.Render(cluster))!;

        var cp1 = inventory["all"]!["children"]!["control_plane"]!["hosts"]!["cp-1"]!;
        Assert.Equal("10.101.0.11", (string?)cp1["ansible_host"]);
        Assert.Equal("10.103.0.11", (string?)cp1["kubedos_wg3_address"]);
        Assert.NotNull(inventory["all"]!["children"]!["workers"]!["hosts"]!["w-1"]);
        Assert.Equal(NodeRole.Worker, cluster.Node("w-1").Role);
    }

    [Fact]
    public void ControlPlane_NoPlaneNamedWg1_IsTheControlPurposePlaneForSshEnrollmentAndTheInventoryAlike()
    {
        var cluster = Normalise(RepositoryFiles.Read("stacks/lab-01.yaml").Replace("wg1", "ctl", StringComparison.Ordinal));

        var inventory = System.Text.Json.Nodes.JsonNode.Parse(InventoryRenderer.Render(cluster))!;

        Assert.Equal("ctl", cluster.ControlPlane.Name);
        Assert.Equal("10.101.0.11", (string?)inventory["all"]!["children"]!["control_plane"]!["hosts"]!["cp-1"]!["ansible_host"]);
    }

    // lab-01 with every node's index removed.
    private static string Unindexed() =>
        System.Text.RegularExpressions.Regex.Replace(RepositoryFiles.Read("stacks/lab-01.yaml"), @", index: \d+", string.Empty);

    private static Dictionary<string, string> Addresses(NormalisedCluster cluster) =>
        cluster.Nodes.ToDictionary(n => n.Name, n => string.Join(",", n.PlaneAddresses.OrderBy(p => p.Key).Select(p => p.Value)));

    private static string Remove(string text, string from, string until)
    {
        var start = text.IndexOf(from, StringComparison.Ordinal);
        var end = text.IndexOf(until, start, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, start), text.AsSpan(end));
    }
}
