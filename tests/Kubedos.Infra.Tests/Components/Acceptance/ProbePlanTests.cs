using Kubedos.Components.Acceptance;
using Kubedos.Spec.Validation.Support;

namespace Kubedos.Infra.Tests.Components.Acceptance;

public sealed class ProbePlanTests
{
    [Fact]
    public void ForNode_Lab01_TestsAllowedAndDeniedFlows()
    {
        var cluster = LabSpecs.Lab01;

        var probes = ProbePlan.ForNode(cluster, cluster.Node("cp-1"), FieldSupport.RunnableGates);

        Assert.Equal(9, probes.Count(p => p.What.StartsWith("ping", StringComparison.Ordinal)));
        Assert.Contains(probes, p => p.Expect == ProbeExpectation.Reaches && p.Command == "nc -z -v -n -w 2 -s 10.102.0.11 10.103.0.12 9090");
        Assert.Contains(probes, p => p.Expect == ProbeExpectation.Filtered && p.Command == "nc -z -v -n -w 2 -s 10.102.0.11 10.103.0.12 9");
        Assert.Contains(probes, p => p.Expect == ProbeExpectation.Filtered && p.Command == "nc -z -v -n -w 2 -s 10.103.0.11 10.101.0.12 22");
        Assert.Contains(probes, p => p.Expect == ProbeExpectation.PasswordRefused);
    }

    [Fact]
    public void ForOperator_Node_PingsOverWg1LogsInPinnedAndFindsTheUnderlayFiltered()
    {
        var cluster = LabSpecs.Lab01;

        OperatorTarget[] targets = [new OperatorTarget(cluster.Node("cp-1"), "10.250.1.11", "ssh-ed25519 AAAAC3")];
        var probes = ProbePlan.ForOperator(cluster, targets, FieldSupport.RunnableGates, keyLogin: false).Concat(ProbePlan.ForOperator(cluster, targets, FieldSupport.RunnableGates, keyLogin: true)).ToList();

        Assert.Contains(probes, p => (p.Expect, p.Command) == (ProbeExpectation.Filtered, "nc -z -v -n -w 2 10.250.1.11 22"));
        Assert.Contains(probes, p => (p.Expect, p.Command) == (ProbeExpectation.Succeeds, "ping -n -c 3 -i 0.2 -W 2 10.101.0.11"));
        var login = Assert.Single(probes, p => p.What.StartsWith("ssh key login", StringComparison.Ordinal));
        Assert.Contains("10.101.0.11 'ssh-ed25519 AAAAC3'", login.Command, StringComparison.Ordinal);
        Assert.Contains("StrictHostKeyChecking=yes", login.Command, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Script_QuotesCommandsAndAlwaysExitsZero()
    {
        var script = ProbeScriptRenderer.Render([new Probe("g", "a", "b", "it's", ProbeExpectation.Succeeds, "echo 'x'")]);

        Assert.Contains("'echo '\\''x'\\'''", script, StringComparison.Ordinal);
        Assert.EndsWith("exit 0\n", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lab-01")]
    [InlineData("dev")]
    public void Sessions_EveryPairOnEveryPlane_HasExactlyOneInitiator(string stack)
    {
        var cluster = stack == "dev" ? LabSpecs.Dev : LabSpecs.Lab01;

        var sessions = cluster.Nodes.SelectMany(n => ProbePlan.Sessions(cluster, n)).ToList();

        Assert.Equal(cluster.Planes.Count * cluster.Nodes.Count * (cluster.Nodes.Count - 1), sessions.Count);
        foreach (var session in sessions)
        {
            var other = Assert.Single(sessions, s => s.Interface == session.Interface && s.Local == session.Peer && s.Peer == session.Local);
            Assert.NotEqual(session.Initiates, other.Initiates);
        }

        Assert.All(ProbePlan.Sessions(cluster, cluster.Nodes[0]), s => Assert.True(s.Initiates));
        Assert.All(ProbePlan.Sessions(cluster, cluster.Nodes[^1]), s => Assert.False(s.Initiates));
    }

    [Fact]
    public void Render_WithSessions_SetsThemUpBeforeTheFirstProbe()
    {
        var script = ProbeScriptRenderer.Render(
            [new Probe("g", "a", "b", "ping", ProbeExpectation.Succeeds, "ping -c 1 10.101.0.12")],
            sessions: [new PlaneSession("wg1", "10.101.0.11", "10.101.0.12", Initiates: true), new PlaneSession("wg2", "10.102.0.11", "10.102.0.10", Initiates: false)]);

        var start = script.IndexOf("session_start 'wg1' '10.101.0.11' '10.101.0.12' &\n", StringComparison.Ordinal);
        var waiting = script.IndexOf("session_await 'wg2' '10.102.0.11' '10.102.0.10' &\n", StringComparison.Ordinal);
        var firstProbe = script.IndexOf("probe 0000 ", StringComparison.Ordinal);
        Assert.True(start > 0 && waiting > 0, script);
        Assert.True(script.IndexOf("wait\n", waiting, StringComparison.Ordinal) < firstProbe, script);
        Assert.DoesNotContain("session_", ProbeScriptRenderer.Render([new Probe("g", "a", "b", "ping", ProbeExpectation.Succeeds, "true")]), StringComparison.Ordinal);
    }

    [Fact]
    public void ForNode_DefaultAllow_ExpectsEveryInterPlanePortReachedNoneFiltered()
    {
        var cluster = LabSpecs.Lab01Open;

        var interPlane = ProbePlan.ForNode(cluster, cluster.Node("cp-1"), FieldSupport.RunnableGates).Where(p => p.What.StartsWith("tcp ", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(interPlane);
        Assert.All(interPlane, p => Assert.Equal(ProbeExpectation.Reaches, p.Expect));
        Assert.Contains(interPlane, p => p.What.StartsWith("tcp wg1 -> wg2 (defaultInterPlane: allow)", StringComparison.Ordinal));
    }

    [Fact]
    public void Gates_ThisBuildRuns_AreTheOnesProbePlanProbes()
    {
        Assert.Equal([ProbePlan.BackplaneMatrix, ProbePlan.SecurityBaseline], FieldSupport.RunnableGates);
    }

    [Fact]
    public void ForOperator_LogsInAsTheNormalisedOperatorUser()
    {
        var cluster = LabSpecs.Lab01 with { Security = LabSpecs.Lab01.Security with { Ssh = LabSpecs.Lab01.Security.Ssh with { OperatorUser = "deploy" } } };
        var targets = cluster.Nodes.Select(n => new OperatorTarget(n, "10.250.0.1", "ssh-ed25519 AAAA")).ToList();

        var logins = ProbePlan.ForOperator(cluster, targets, FieldSupport.RunnableGates, keyLogin: true);

        Assert.NotEmpty(logins);
        Assert.All(logins, p => Assert.Contains(" deploy@", p.Command, StringComparison.Ordinal));
    }
}
