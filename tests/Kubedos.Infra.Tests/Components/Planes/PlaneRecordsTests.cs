using Kubedos.Components.Planes;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Model;
using Kubedos.Infra.Tests.Lab;

namespace Kubedos.Infra.Tests.Components.Planes;

/// <summary>PlaneSet records each plane and each node's rendered firewall, so the policy pack judges what the run builds.</summary>
public sealed class PlaneRecordsTests
{
    [Fact]
    public async Task Preview_Lab01_RecordsEveryPlaneAndEachNodesFirewallAsRendered()
    {
        await using var project = LabProject.Create("lab-01", "lab-01.yaml");
        var events = new List<ResourcePreEvent>();
        var stack = await project.StackAsync();

        await stack.PreviewAsync(new UpdateOptions { OnEvent = e => { if (e is ResourcePreEvent pre) { lock (events) { events.Add(pre); } } } });

        var planes = Inputs(events, PlaneRecord.TypeToken);
        Assert.Equal(
            new[] { "wg1=10.101.0.0/24", "wg2=10.102.0.0/24", "wg3=10.103.0.0/24" }.Select(LabProject.TestRanges),
            planes.Select(p => $"{p["name"].AsString()}={p["cidr"].AsString()}").Order());
        var firewalls = Inputs(events, FirewallRecord.TypeToken);
        Assert.Equal(["cp-1", "cp-2", "cp-3", "w-1"], firewalls.Select(f => f["node"].AsString()).Order());
        Assert.All(firewalls, f =>
        {
            Assert.Equal("deny", f["defaultInterPlane"].AsString());
            var flows = f["allow"].AsArray().Select(rule => rule.AsObject()).Select(rule =>
                $"{rule["from"].AsString()}->{rule["to"].AsString()}:{string.Join(",", rule["ports"].AsArray().Select(p => p.AsString()))}");
            Assert.Equal(["wg1->wg3:6443/tcp,10250/tcp", "wg2->wg3:9090/tcp,3000/tcp,3100/tcp"], flows);
        });
    }

    private static List<PropertyMap> Inputs(List<ResourcePreEvent> events, string type) =>
        [.. events.Where(e => e.Metadata.Type == type).Select(e => e.Metadata.New!.Inputs)];
}
