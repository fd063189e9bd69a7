using Kubedos.Components.Acceptance;
using Kubedos.Components.Converge;
using Kubedos.Components.Enrollment;
using Kubedos.Components.Firstboot;
using Kubedos.Components.Kubernetes;
using Kubedos.Components.Planes;
using Kubedos.Components.Substrate;
using Kubedos.Components.Trust;
using Kubedos.Engine.Model;
using Kubedos.Policies;
using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;
using Kubedos.Spec.Validation;

namespace Kubedos.Components;

/// <summary>
/// The Kube'd'OS program: reads the stack's ClusterSpec (config <c>kubedos:spec</c>, relative to
/// the project directory), validates and normalises it, and builds the convergence DAG
/// Substrate -&gt; Firstboot -&gt; PlaneSet -&gt; Enrollment -&gt; Acceptance, with ClusterTrust joining at Enrollment (see components/README.md).
/// Run it with <c>StackProgram.Create&lt;KubedosStack&gt;()</c>.
/// </summary>
/// <remarks>
/// Optional config: <c>kubedos:outDir</c> (default <c>out</c> in the project directory; the stack's
/// files go to <c>&lt;outDir&gt;/&lt;stack&gt;/</c>) and <c>kubedos:acceptanceRun</c> (change it to
/// run the gates again on the next up; <c>kubedos acceptance --stack S</c> runs them again without an up), and
/// <c>kubedos:ansibleDirectory</c> (default <c>ansible</c> in the project directory: the playbook and roles Converge runs).
/// </remarks>
public sealed class KubedosStack : Stack
{
    public KubedosStack()
    {
        var projectDirectory = ProjectDirectory;
        var specPath = Path.GetFullPath(RequireConfig("spec"), projectDirectory);
        var loaded = SpecValidator.ValidateFile(specPath);
        if (!loaded.Succeeded)
        {
            throw new SpecRejectedException(specPath, loaded.Diagnostics);
        }

        // The settings the policy pack judges (destruction flags, planes, SSH...), each at its YAML line.
        SpecFacts.Register(loaded.Document!.Spec, loaded.Sources);
        var cluster = SpecNormaliser.Normalise(loaded.Document!);
        var outDirectory = Path.Combine(Path.GetFullPath(GetConfig("outDir") ?? "out", projectDirectory), StackName);
        var rendered = new RenderedFiles(outDirectory, preview: IsDryRun);

        // Trust is its own branch of the DAG (spec -> Trust); Enrollment joins it to the planes.
        var trust = new ClusterTrust("trust", cluster, TrustMaterial.FromConfig(this, projectDirectory), outDirectory);

        // With Kubernetes: the etcd CA beneath the cluster intermediate and kubeadm's pairs beneath it, part of the Trust stage.
        var etcdPki = cluster.Document.Spec.Kubernetes.Enabled
            ? new EtcdPki("etcd-pki", new EtcdPkiArgs
            {
                Membership = EtcdMembership.Of(cluster),
                IntermediateCertPem = trust.IntermediateCertPem,
                IntermediateKeyPem = trust.IntermediateKeyPem,
                LeafDays = cluster.Document.Spec.Security.Rotation.NodeCertDays,
                OutDirectory = outDirectory,
            }, new ResourceOptions { Parent = trust })
            : null;
        var substrate = new Substrate.Substrate("substrate", cluster, projectDirectory);
        var firstboot = new Firstboot.Firstboot("firstboot", cluster, substrate.Nodes, rendered, new ResourceOptions { DependsOn = [substrate] });
        var planes = new PlaneSet("planes", cluster, firstboot.Nodes, substrate.OperatorAccess, rendered, new ResourceOptions { DependsOn = [firstboot] });
        var planeKeys = planes.PublicKeys.Apply(keys => Firstboot.Firstboot.Sha256(string.Join('\n', keys.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}={k.Value}"))));

        // Every node enrolls over wg1 at first boot: the service on the first control plane, the agent on each node.
        var enrollment = new ClusterEnrollment(
            "enrollment", cluster, trust, outDirectory, new ResourceOptions { DependsOn = [planes, trust] }, new EnrollmentSite(substrate.Nodes, AgentPayload.BesideThisProgram()));
        // Stage 5: Ansible over SSH on wg1 (host keys pinned from first boot), when the spec asks for it.
        var converged = new List<Resource>();
        var acceptanceRun = GetConfig("acceptanceRun") ?? "1";
        if (cluster.Document.Spec.Orchestration.Ansible.Enabled)
        {
            var content = AnsibleContent.Read(Path.GetFullPath(GetConfig("ansibleDirectory") ?? "ansible", projectDirectory));
            var access = firstboot.Access(cluster);
            var variables = etcdPki is null ? ConvergeArgs.NoVariables : EtcdConvergeVariables.For(cluster, etcdPki);
            var converge = new ClusterConverge(
                "converge", new ConvergeArgs(cluster, StackName, access, content, variables), new ResourceOptions { DependsOn = [planes, enrollment] });
            converged.Add(converge);

            // Stage 6's etcd half: kubeadm's configuration pointing at the members Converge started, and a snapshot.
            if (etcdPki is not null)
            {
                converged.Add(new EtcdCluster("etcd", new EtcdClusterArgs
                {
                    Cluster = cluster,
                    Pki = etcdPki,
                    Access = access,
                    OutDirectory = outDirectory,
                    Stack = StackName,
                    SnapshotTriggers = [acceptanceRun, converge.Hosts.Apply(Recap)],
                }, new ResourceOptions { DependsOn = [converge] }));
            }
        }

        var probeTarget = trust.CaPin.Apply(pin => new EnrollmentProbeTarget(enrollment.ServiceNode, enrollment.ServiceUrl, pin, EnrollmentSite.AgentCommand));
        var acceptance = new Acceptance.Acceptance(
            "acceptance", StackName, cluster, firstboot.Nodes, firstboot.UserPrivateKeyPem, planeKeys, outDirectory, acceptanceRun,
            new ResourceOptions { DependsOn = [planes, trust, enrollment, .. converged] }, probeTarget);

        Nodes = Output.All(firstboot.Nodes.Select(n => n.HostKeyFingerprint)).Apply(fingerprints =>
            firstboot.Nodes.Select((node, i) => (node, fingerprint: fingerprints[i])).ToDictionary(
                p => p.node.Name,
                p => Describe(p.node.Substrate.Node, p.node.Substrate.UnderlayAddress, p.fingerprint),
                StringComparer.Ordinal));
        Acceptance = acceptance.Verdict;
        AuthorizedKey = firstboot.AuthorizedKey;
        Inventory = enrollment.Inventory.Apply(entries => entries.ToDictionary(
            e => e.Node,
            e => new Dictionary<string, string>(e.PlaneAddresses, StringComparer.Ordinal) { ["role"] = e.Role, ["certificateSerial"] = e.CertificateSerial },
            StringComparer.Ordinal));
    }

    /// <summary>Every node: role, underlay address, plane addresses, SSH host key fingerprint.</summary>
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

    // What the last converge that ran did on each host: a new run (a changed role, repaired drift) takes a new etcd snapshot.
    private static string Recap(Dictionary<string, Dictionary<string, int>> hosts) =>
        string.Join(';', hosts.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h =>
            $"{h.Key}:{string.Join(',', h.Value.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"))}"));

    private static Dictionary<string, string> Describe(NormalisedNode node, string underlay, string fingerprint)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["role"] = node.Role == NodeRole.ControlPlane ? "control-plane" : "worker",
            ["underlayAddress"] = underlay,
            ["hostKeyFingerprint"] = fingerprint,
        };
        foreach (var (plane, address) in node.PlaneAddresses)
        {
            result[plane] = address.ToString();
        }

        return result;
    }
}
