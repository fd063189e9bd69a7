using System.Text.Json.Nodes;
using Kubedos.Components.Converge;

namespace Kubedos.Infra.Tests.Components.Converge;

public sealed class ConvergeInventoryTests
{
    [Fact]
    public void Render_Lab01_HostsByRoleWithTheirPlaneAddressesAndTheConvergeUser()
    {
        var inventory = JsonNode.Parse(ConvergeInventory.Render(LabSpecs.Lab01, "lab-01", "ops"))!["all"]!;

        var groups = inventory["children"]!;
        Assert.Equal(["cp-1", "cp-2", "cp-3"], Hosts(groups, ConvergeInventory.ControlPlaneGroup));
        Assert.Equal(["w-1"], Hosts(groups, ConvergeInventory.WorkerGroup));
        var w1 = groups[ConvergeInventory.WorkerGroup]!["hosts"]!["w-1"]!;
        Assert.Equal("10.101.0.21", (string?)w1["ansible_host"]);
        Assert.Equal("ops", (string?)w1["ansible_user"]);
        Assert.Equal("worker", (string?)w1["kubedos_role"]);
        Assert.Equal("w-1", (string?)w1["kubedos_node"]);
        Assert.Equal("lab-01", (string?)w1["kubedos_stack"]);
        Assert.Equal("", (string?)w1["kubedos_failure_domain"]);
        Assert.Equal(["10.101.0.21", "10.102.0.21", "10.103.0.21"], new[] { "wg1", "wg2", "wg3" }.Select(p => (string?)w1[$"kubedos_{p}_address"]));
        Assert.Equal("control-plane", (string?)groups[ConvergeInventory.ControlPlaneGroup]!["hosts"]!["cp-2"]!["kubedos_role"]);
    }

    [Fact]
    public void Render_KubernetesDisabled_EtcdGroupIsEmpty_ObservabilityGroupIsTheSpecsObservabilityNode()
    {
        var lab = LabSpecs.Lab01WithoutKubernetes;
        var groups = JsonNode.Parse(ConvergeInventory.Render(lab, "lab-01", "ops"))!["all"]!["children"]!;
        var off = lab with { Kubernetes = lab.Kubernetes with { Observability = new() } };
        var named = lab with { Kubernetes = lab.Kubernetes with { Observability = lab.Kubernetes.Observability with { Nodes = ["w-1", "cp-2"] } } };

        Assert.Empty(Hosts(groups, ConvergeInventory.EtcdGroup));
        Assert.Equal(["cp-1"], Hosts(groups, ConvergeInventory.ObservabilityGroup));
        Assert.Empty(ConvergeInventory.ObservabilityNodes(off));
        Assert.Equal(["w-1", "cp-2"], ConvergeInventory.ObservabilityNodes(named).Select(n => n.Name));
    }

    [Fact]
    public void EtcdMembers_KubernetesEnabled_AreTheControlPlaneNodes()
    {
        var lab01 = LabSpecs.Lab01;
        var enabled = lab01 with { Kubernetes = lab01.Kubernetes with { Enabled = true } };

        Assert.Equal(["cp-1", "cp-2", "cp-3"], ConvergeInventory.EtcdMembers(enabled).Select(n => n.Name));
    }

    private static string[] Hosts(JsonNode groups, string group) =>
        [.. groups[group]!["hosts"]!.AsObject().Select(h => h.Key).Order(StringComparer.Ordinal)];
}
