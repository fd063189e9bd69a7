using Kubedos.Components.Acceptance;
using Kubedos.Components.Enrollment;
using Kubedos.Components.Firstboot;
using Kubedos.Components.Image;
using Kubedos.Components.Kubernetes;
using Kubedos.Components.Planes;
using Kubedos.Components.Substrate;
using Kubedos.Components.Trust;
using Kubedos.Engine.Model;
using Kubedos.Image.Lock;
using Kubedos.Policies;
using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;
using Kubedos.Spec.Validation;

namespace Kubedos.Components;

/// <summary>
/// The Kube'd'OS program: reads the stack's ClusterSpec (config <c>kubedos:spec</c>, relative to
/// the project directory), validates and normalises it, and builds the convergence DAG
/// Substrate -&gt; Firstboot -&gt; PlaneSet -&gt; Enrollment -&gt; (KubernetesReference, with kubernetes.enabled) -&gt; Acceptance, with ClusterTrust joining at Enrollment (see components/README.md):
/// each stage takes one args record and hands its typed outputs to the next.
/// Run it with <c>StackProgram.Create&lt;KubedosStack&gt;()</c>.
/// </summary>
/// <remarks>
/// Optional config: <c>kubedos:outDir</c> (default <c>out</c> in the project directory; the stack's
/// files go to <c>&lt;outDir&gt;/&lt;stack&gt;/</c>) and <c>kubedos:acceptanceRun</c> (change it to
/// run the gates again on the next up; <c>kubedos acceptance --stack S</c> runs them again without an up).
/// </remarks>
public sealed class KubedosStack : Stack
{
    public KubedosStack()
    {
        var projectDirectory = ProjectDirectory;
        var cluster = ReadSpec(projectDirectory);
        var outDirectory = Path.Combine(Path.GetFullPath(GetConfig("outDir") ?? "out", projectDirectory), StackName);
        var rendered = new RenderedFiles(outDirectory, preview: IsDryRun);

        // Trust is its own branch of the DAG (spec -> Trust); Enrollment joins it to the planes.
        var substrate = new ClusterSubstrate("substrate", new SubstrateArgs { Cluster = cluster, ProjectDirectory = projectDirectory });
        var trust = new ClusterTrust("trust", new TrustArgs
        {
            Cluster = cluster,
            Material = TrustMaterial.FromConfig(this, projectDirectory),
            OutDirectory = outDirectory,
            Machines = substrate.Nodes.ToDictionary(n => n.Name, n => n.Instance, StringComparer.Ordinal),
        });
        var firstboot = new NodeFirstboot("firstboot", new FirstbootArgs
        {
            Cluster = cluster,
            Nodes = substrate.Nodes,
            Rendered = rendered,
        }, After(substrate));
        var planes = new PlaneSet("planes", new PlaneSetArgs
        {
            Cluster = cluster,
            Nodes = firstboot.Nodes,
            OperatorAccess = substrate.OperatorAccess,
            Rendered = rendered,
        }, After(firstboot));

        // Every node enrolls over wg1 at first boot: the service on the primary control plane, the agent on each node.
        var enrollment = new ClusterEnrollment("enrollment", new EnrollmentArgs
        {
            Cluster = cluster,
            Trust = trust,
            OutDirectory = outDirectory,
            Site = new EnrollmentSite(substrate.Nodes, AgentPayload.BesideThisProgram()),
        }, After(planes, trust));

        // Stage 6, rendered: only kubernetes.enabled: true brings it (components/Kubernetes/README.md).
        Resource[] kubernetes = cluster.Kubernetes.Enabled
            ? [new KubernetesReference("kubernetes", new KubernetesReferenceArgs { Cluster = cluster, OutDirectory = outDirectory }, After(enrollment))]
            : [];
        var acceptance = new AcceptanceGates("acceptance", new AcceptanceArgs
        {
            Cluster = cluster,
            Stack = StackName,
            Nodes = firstboot.Nodes,
            SshPrivateKey = firstboot.UserPrivateKeyPem,
            PlaneKeys = planes.PublicKeys,
            OutDirectory = outDirectory,
            Run = GetConfig("acceptanceRun") ?? "1",
            Enrollment = enrollment.Endpoint,
        }, After([planes, trust, enrollment, .. kubernetes]));

        Nodes = Output.All(firstboot.Nodes.Select(n => Output.Tuple<string, string>(n.HostKeyFingerprint, n.Substrate.Instance))).Apply(described =>
            firstboot.Nodes.Select((node, i) => (node, described: described[i])).ToDictionary(
                p => p.node.Name,
                p => Describe(p.node.Substrate.Node, p.node.Substrate.UnderlayAddress, p.described.Item1, p.described.Item2),
                StringComparer.Ordinal));
        Acceptance = acceptance.Verdict;
        AuthorizedKey = firstboot.AuthorizedKey;
        Inventory = enrollment.Inventory.Apply(entries => entries.ToDictionary(
            e => e.Node,
            e => new Dictionary<string, string>(e.PlaneAddresses, StringComparer.Ordinal) { ["role"] = e.Role, ["certificateSerial"] = e.CertificateSerial },
            StringComparer.Ordinal));
    }

    /// <summary>Every node: role, underlay address, plane addresses, SSH host key fingerprint, the machine's incarnation.</summary>
    [Output("nodes")]
    public Output<Dictionary<string, Dictionary<string, string>>> Nodes { get; private set; }

    /// <summary>The acceptance verdict (<c>passed</c>; a failing gate fails the run).</summary>
    [Output("acceptance")]
    public Output<string> Acceptance { get; private set; }

    /// <summary>The membership inventory (as in <c>out/&lt;stack&gt;/inventory.json</c>): per node its role, plane addresses and the serial the enrollment service issued.</summary>
    [Output("inventory")]
    public Output<Dictionary<string, Dictionary<string, string>>> Inventory { get; private set; }

    /// <summary>The stack's SSH public key (the private key is a secret in the state).</summary>
    [Output("authorizedKey")]
    public Output<string> AuthorizedKey { get; private set; }

    // Stage 0: the stack's ClusterSpec (config kubedos:spec, relative to the project directory), validated, its
    // settings registered for the policy pack (each at its YAML line), normalised for the stages.
    private NormalisedCluster ReadSpec(string projectDirectory)
    {
        var specPath = Path.GetFullPath(RequireConfig("spec"), projectDirectory);
        var validated = SpecValidator.ValidateFile(specPath);
        if (!validated.Succeeded)
        {
            throw new SpecRejectedException(specPath, validated.Diagnostics);
        }

        // A stack with an image lock builds from it: a spec whose declared packages changed is refused until locked again.
        if (File.Exists(NodeImagePackages.LockPath(specPath)))
        {
            try
            {
                NodeImagePackages.CheckedLock(specPath, validated.Document!.Spec);
            }
            catch (LockFileException e)
            {
                throw new ImageLockRejectedException(e);
            }
        }

        SpecFacts.Register(validated);
        return SpecNormaliser.Normalise(validated.Document!);
    }

    // A DAG edge: the stage waits for these.
    private static ResourceOptions After(params Resource[] stages) => new() { DependsOn = stages };

    private static Dictionary<string, string> Describe(NormalisedNode node, string underlay, string fingerprint, string instance)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["role"] = node.Role == NodeRole.ControlPlane ? "control-plane" : "worker",
            ["underlayAddress"] = underlay,
            ["hostKeyFingerprint"] = fingerprint,
            ["instance"] = instance,
        };
        foreach (var (plane, address) in node.PlaneAddresses)
        {
            result[plane] = address.ToString();
        }

        return result;
    }
}
