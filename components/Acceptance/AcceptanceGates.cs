using System.Collections.Immutable;
using Kubedos.Engine.Model;
using Kubedos.Providers.Command;

namespace Kubedos.Components.Acceptance;

/// <summary>
/// Stage 7 (<c>kubedos:components:Acceptance</c>): runs the gates the spec requires, writes the
/// report to the recovery bundle, and fails the run (its verdict command exits 1, naming every
/// failed probe) when a gate fails. Given the enrollment service, security-baseline also knocks on it
/// without a token and with a wrong one. Gates run again when the run value changes (config
/// <c>kubedos:acceptanceRun</c>), whenever <c>kubedos acceptance</c> replaces its children, and a probe whenever what its
/// evidence rests on changes: the identity (<see cref="NodeEvidence"/>) of any node it touches, not only of the node it runs on.
/// The verdict re-checks at every preview and up that the nodes it judged are the nodes deployed
/// (<see cref="VerdictEvidenceCheck"/>), so a verdict never outlives the machines it was about.
/// </summary>
internal sealed class AcceptanceGates : ComponentResource
{
    public const string TypeToken = "kubedos:components:Acceptance";

    public AcceptanceGates(string name, AcceptanceArgs args, ResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var (cluster, nodes, enrollment) = (args.Cluster, args.Nodes, args.Enrollment);
        var here = StageOptions.ForChildren(this, options);
        var gates = cluster.AcceptanceGates;
        var identities = nodes.ToDictionary(n => n.Name, n => NodeEvidence.Identity(n, args.PlaneKeys), StringComparer.Ordinal);
        Input<string>[] Triggers(IEnumerable<string> touched) => [args.Run, NodeEvidence.Basis(touched, identities)];
        var everyNode = Triggers(nodes.Select(n => n.Name));
        var outputs = new List<Output<string>>();
        foreach (var node in nodes)
        {
            var probes = ProbePlan.ForNode(cluster, node.Substrate.Node, gates);
            var probing = node.Substrate.Channel.Run(
                "acceptance-probes",
                ["sh", "-c", ProbeScriptRenderer.Render(probes, sessions: ProbePlan.Sessions(cluster, node.Substrate.Node))],
                Triggers([node.Name, .. NodeEvidence.Touched(probes)]),
                here);
            outputs.Add(probing.Stdout);
            if (enrollment is not null)
            {
                // After the timed probes: starting agents beside them would compete with their pings for the CPU.
                var script = enrollment.Apply(target => ProbeScriptRenderer.Render(ProbePlan.AnonymousEnrollment(cluster, node.Substrate.Node, gates, target)));
                // They knock on the service, whose token store holds every node's token: a node made anew re-seeds it (and
                // restarts it), so evidence about the service rests on every node.
                outputs.Add(node.Substrate.Channel.Run("enrollment-probes", ["sh", "-c", script], everyNode, here.After(probing.Resource)).Stdout);
            }
        }

        var operatorProbes = Output.All(nodes.Select(n => n.HostPublicKey)).Apply(keys =>
            (IReadOnlyList<OperatorTarget>)[.. nodes.Select((n, i) => new OperatorTarget(n.Substrate.Node, n.Substrate.UnderlayAddress, keys[i]))]);
        outputs.Add(new LocalCommand("operator-probes", new LocalCommandArgs
        {
            Create = operatorProbes.Apply(targets => ProbeScriptRenderer.Render(ProbePlan.ForOperator(cluster, targets, gates, keyLogin: false))),
            Triggers = everyNode,
        }, here).Stdout);

        // The command reads the private key, so its output is secret; the probe lines parsed from it carry none of the
        // key, so they join the readable verdict and the report like every other probe's.
        var keyLogin = new LocalCommand("operator-key-login", new LocalCommandArgs
        {
            Create = operatorProbes.Apply(targets => ProbeScriptRenderer.Render(ProbePlan.ForOperator(cluster, targets, gates, keyLogin: true))),
            Environment = new Dictionary<string, Input<string>> { [ProbePlan.SshKeyVariable] = args.SshPrivateKey.AsSecret() },
            Triggers = everyNode,
        }, here);
        var keyLoginResults = Output.Unsecret(keyLogin.Stdout.Apply(ProbeResult.ParseAll));

        var verdict = Output.Tuple<ImmutableArray<string>, IReadOnlyList<ProbeResult>>(Output.All(outputs), keyLoginResults)
            .Apply(t => new AcceptanceVerdict(gates, [.. t.Item1.SelectMany(ProbeResult.ParseAll), .. t.Item2]));
        _ = verdict.Apply(v =>
        {
            if (!IsDryRun)
            {
                AcceptanceReport.Write(args.OutDirectory, args.Stack, cluster.Name, v);
            }

            return true;
        });
        // The verdict passes only while the nodes it judged are the ones deployed: checked before it prints, and again at every
        // later preview and up (verify), so a lab whose nodes died or were replaced out of band is never reported as passed.
        var evidenceCheck = operatorProbes.Apply(targets => VerdictEvidenceCheck.Render(cluster.ControlPlane.Name, targets));
        var check = new LocalCommand("verdict", new LocalCommandArgs
        {
            Create = Output.Tuple<AcceptanceVerdict, string>(verdict, evidenceCheck).Apply(t => t.Item1.Passed
                ? t.Item2 + "printf '%s\\n' \"$KUBEDOS_VERDICT\""
                : "printf '%s\\n' \"$KUBEDOS_VERDICT\" >&2; exit 1"),
            Verify = evidenceCheck,
            Environment = new Dictionary<string, Input<string>> { ["KUBEDOS_VERDICT"] = verdict.Apply(v => v.Summary()) },
            Triggers = everyNode,
        }, here);
        Verdict = Output.Tuple<AcceptanceVerdict, string>(verdict, check.Stdout).Apply(t => t.Item1.Passed ? "passed" : "failed");
        Gates = verdict.Apply(v => v.Gates.ToDictionary(g => g, g => v.GatePassed(g) ? "passed" : "failed", StringComparer.Ordinal));
        RegisterOutputs(new Dictionary<string, object?> { ["verdict"] = Verdict, ["gates"] = Gates });
    }

    /// <summary><c>passed</c> once the verdict command ran (a failure fails the run instead).</summary>
    public Output<string> Verdict { get; }

    /// <summary>Each gate's verdict.</summary>
    public Output<Dictionary<string, string>> Gates { get; }
}
