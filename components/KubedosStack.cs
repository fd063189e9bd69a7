using Kubedos.Components.Acceptance;
using Kubedos.Components.Converge;
using Kubedos.Components.Enrollment;
using Kubedos.Components.Firstboot;
using Kubedos.Components.Image;
using Kubedos.Components.Kubernetes;
using Kubedos.Components.Observability;
using Kubedos.Components.Planes;
using Kubedos.Components.Seal;
using Kubedos.Components.Substrate;
using Kubedos.Components.Substrate.Local;
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
/// Substrate -&gt; Firstboot -&gt; PlaneSet -&gt; Enrollment -&gt; (Converge, with orchestration.ansible.enabled; KubernetesReference, with kubernetes.enabled) -&gt; Acceptance -&gt; Seal, with ClusterTrust joining at Enrollment (see components/README.md):
/// each stage takes one args record and hands its typed outputs to the next.
/// Run it with <c>StackProgram.Create&lt;KubedosStack&gt;()</c>.
/// </summary>
/// <remarks>
/// Optional config: <c>kubedos:outDir</c> (default <c>out</c> in the project directory; the stack's
/// files go to <c>&lt;outDir&gt;/&lt;stack&gt;/</c>) and <c>kubedos:acceptanceRun</c> (change it to
/// run the gates again on the next up; <c>kubedos acceptance --stack S</c> runs them again without an up),
/// <c>kubedos:ansibleDirectory</c> (default <c>ansible</c> in the project directory: the playbook and roles Converge runs), <c>kubedos:lockFile</c>
/// (the stack's lockfile, sealed into the bundle; default: the image lock beside the spec, when it exists), <c>kubedos:etcdRestoreSnapshot</c>
/// (an etcd snapshot a cluster bootstrapping from nothing restores: <see cref="EtcdRestoreSource"/>), <c>kubedos:etcdSnapshotRun</c>
/// (change it to take a new etcd snapshot on the next up without running the gates again). Required: <c>kubedos:seal.signingKey</c> (secret) and <c>kubedos:seal.signingKeyPin</c>.
/// </remarks>
public sealed class KubedosStack : Stack
{
    /// <summary>The config key whose change takes a new etcd snapshot on the next up, and nothing else (a blue/green swap's fresh snapshot).</summary>
    public const string SnapshotRunKey = "etcdSnapshotRun";

    public KubedosStack()
    {
        var projectDirectory = ProjectDirectory;
        var (cluster, imageLock) = ReadSpec(projectDirectory);
        var outDirectory = Path.Combine(Path.GetFullPath(GetConfig("outDir") ?? "out", projectDirectory), StackName);
        var rendered = new RenderedFiles(outDirectory, preview: IsDryRun);
        var image = NodeImageOf(cluster, imageLock, projectDirectory, outDirectory);

        // Trust is its own branch of the DAG (spec -> Trust); Enrollment joins it to the planes.
        var substrate = new ClusterSubstrate("substrate", new SubstrateArgs { Cluster = cluster, ProjectDirectory = projectDirectory, Image = image });
        var trust = new ClusterTrust("trust", new TrustArgs
        {
            Cluster = cluster,
            Material = TrustMaterial.FromConfig(this, projectDirectory),
            OutDirectory = outDirectory,
            Machines = substrate.Nodes.ToDictionary(n => n.Name, n => n.Instance, StringComparer.Ordinal),
        });

        // With Kubernetes: the etcd CA beneath the cluster intermediate and kubeadm's pairs beneath it, part of the Trust stage.
        var etcdPki = cluster.Kubernetes.Enabled
            ? new EtcdPki("etcd-pki", new EtcdPkiArgs
            {
                Membership = EtcdMembership.Of(cluster),
                IntermediateCertPem = trust.IntermediateCertPem,
                IntermediateKeyPem = trust.IntermediateKeyPem,
                LeafDays = cluster.Security.Rotation.NodeCertDays,
                OutDirectory = outDirectory,
            }, new ResourceOptions { Parent = trust })
            : null;
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
            Site = image is null ? new EnrollmentSite(substrate.Nodes, AgentPayload.BesideThisProgram()) : EnrollmentSite.InImage(substrate.Nodes, image.Sha256),
        }, After(planes, trust));

        // The observability stack's certificates, configurations and converge variables (on the bind plane, wg2 by default).
        var observability = cluster.Kubernetes.Observability.Enabled
            ? new ClusterObservability("observability", new ObservabilityArgs { Cluster = cluster, Trust = trust, OutDirectory = outDirectory }, After(trust))
            : null;

        // Stage 5: Ansible over SSH on wg1 (host keys pinned from first boot), when the spec asks for it.
        var converged = new List<Resource>();
        EtcdCluster? etcd = null;
        var acceptanceRun = GetConfig("acceptanceRun") ?? "1";
        var restore = EtcdRestoreSource.From(GetConfig(EtcdRestoreSource.ConfigKey), projectDirectory, etcdPki is not null && cluster.Orchestration.Ansible.Enabled);
        if (cluster.Orchestration.Ansible.Enabled)
        {
            var content = AnsibleContent.Read(Path.GetFullPath(GetConfig("ansibleDirectory") ?? "ansible", projectDirectory));
            var access = firstboot.Access(cluster);
            var converge = new ClusterConverge("converge", new ConvergeArgs
            {
                Cluster = cluster,
                Stack = StackName,
                Access = access,
                Content = content,
                HostVariables = PerNode(observability?.Variables, etcdPki is null ? null : EtcdConvergeVariables.For(cluster, etcdPki, restore)),
                Disks = substrate.Nodes.ToDictionary(n => n.Name, n => n.Disks, StringComparer.Ordinal),
            }, After(planes, enrollment));
            converged.Add(converge);

            // Stage 6's etcd half: kubeadm's configuration pointing at the members Converge started, and a snapshot.
            if (etcdPki is not null)
            {
                converged.Add(etcd = new EtcdCluster("etcd", new EtcdClusterArgs
                {
                    Cluster = cluster,
                    Pki = etcdPki,
                    Access = access,
                    OutDirectory = outDirectory,
                    Stack = StackName,
                    SnapshotTriggers = GetConfig(SnapshotRunKey) is { } snapshotRun ? [acceptanceRun, snapshotRun, converge.Hosts.Apply(Recap)] : [acceptanceRun, converge.Hosts.Apply(Recap)],
                }, After(converge)));
            }
        }

        // Stage 6, rendered: only kubernetes.enabled: true brings it (components/Kubernetes/README.md).
        Resource[] kubernetes = cluster.Kubernetes.Enabled
            ? [new KubernetesReference("kubernetes", new KubernetesReferenceArgs { Cluster = cluster, OutDirectory = outDirectory }, After(enrollment))]
            : [];
        var acceptance = new AcceptanceGates("acceptance", new AcceptanceArgs
        {
            Cluster = cluster,
            Stack = StackName,
            Nodes = firstboot.Nodes,
            OperatorAccess = substrate.OperatorAccess,
            SshPrivateKey = firstboot.UserPrivateKeyPem,
            PlaneKeys = planes.PublicKeys,
            OutDirectory = outDirectory,
            Run = acceptanceRun,
            Enrollment = enrollment.Endpoint,
            Observability = observability?.Topology,
        }, After([planes, trust, enrollment, .. converged, .. kubernetes]));

        // The last stage: the signed recovery bundle, sealed once acceptance passed (components/README.md, "Seal").
        var seal = new BundleSeal("seal", new SealArgs
        {
            Stack = StackName,
            Cluster = cluster.Name,
            SpecFile = Path.GetFullPath(RequireConfig("spec"), projectDirectory),
            LockFile = LockFileOf(Path.GetFullPath(RequireConfig("spec"), projectDirectory), projectDirectory),
            OutDirectory = outDirectory,
            ProjectDirectory = projectDirectory,
            Material = SealMaterial.FromConfig(this),
            AcceptanceReport = acceptance.Report,
            ServiceChannel = substrate.Nodes.First(n => n.Name == enrollment.ServiceNode).Channel,
            NodeSoftware = image is null
                ? NodeSoftwareSource.LabHost
                : NodeSoftwareSource.LabImage(LocalSubstrateKind.UnpackedImage(image), image.Sha256, NodeImagePackages.For(cluster).Names),
            Agent = AgentPayload.BesideThisProgram(),
        }, After(acceptance));

        Nodes = Output.All(firstboot.Nodes.Select(n => Output.Tuple<string, string>(n.HostKeyFingerprint, n.Substrate.Instance))).Apply(described =>
            firstboot.Nodes.Select((node, i) => (node, described: described[i])).ToDictionary(
                p => p.node.Name,
                p => Describe(p.node.Substrate.Node, p.node.Substrate.UnderlayAddress, p.described.Item1, p.described.Item2),
                StringComparer.Ordinal));
        Acceptance = acceptance.Verdict;
        AuthorizedKey = firstboot.AuthorizedKey;
        ControlPlaneEndpoint = acceptance.Verdict.Apply(_ => cluster.PrimaryControlPlane.PlaneAddresses[cluster.ControlPlane.Name].ToString());
        Substrate = Output.Create(SubstrateKinds.SpecName(cluster.Substrate.Type));
        EtcdSnapshot = etcd?.Snapshot.Apply(p => Path.GetRelativePath(projectDirectory, p)) ?? Output.Create(string.Empty);
        RecoveryBundle = seal.ManifestSha256;
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

    /// <summary>The SHA-256 of the sealed recovery bundle's <c>manifest.json</c> (<c>kubedos verify --bundle out/&lt;stack&gt;/recovery-bundle</c>).</summary>
    [Output("recoveryBundle")]
    public Output<string> RecoveryBundle { get; private set; }

    /// <summary>The membership inventory (as in <c>out/&lt;stack&gt;/inventory.json</c>): per node its role, plane addresses and the serial the enrollment service issued.</summary>
    [Output("inventory")]
    public Output<Dictionary<string, Dictionary<string, string>>> Inventory { get; private set; }

    /// <summary>
    /// Where operators reach the cluster's control plane: the primary control plane's address on the control plane's plane
    /// (wg1), known once the gates passed. A blue/green pair's endpoint stack forwards to the active colour's (components/Endpoint).
    /// </summary>
    [Output("controlPlaneEndpoint")]
    public Output<string> ControlPlaneEndpoint { get; private set; }

    /// <summary>The substrate the cluster runs on (<c>local</c>, <c>proxmox</c>, ...).</summary>
    [Output("substrate")]
    public Output<string> Substrate { get; private set; }

    /// <summary>The etcd snapshot the last run that took one kept (relative to the project), or empty when the cluster runs no etcd.</summary>
    [Output("etcdSnapshot")]
    public Output<string> EtcdSnapshot { get; private set; }

    /// <summary>The stack's SSH public key (the private key is a secret in the state).</summary>
    [Output("authorizedKey")]
    public Output<string> AuthorizedKey { get; private set; }

    // What the last converge that ran did on each host: a new run (a changed role, repaired drift) takes a new etcd snapshot.
    private static string Recap(Dictionary<string, Dictionary<string, int>> hosts) =>
        string.Join(';', hosts.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h =>
            $"{h.Key}:{string.Join(',', h.Value.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"))}"));

    // Stage 0: the stack's ClusterSpec (config kubedos:spec, relative to the project directory), validated, its
    // settings registered for the policy pack (each at its YAML line), normalised for the stages; with the image lock
    // beside it, checked against the spec's declared packages (null when there is none and no node runs the image).
    private (NormalisedCluster Cluster, ImageLock? Lock) ReadSpec(string projectDirectory)
    {
        var specPath = Path.GetFullPath(RequireConfig("spec"), projectDirectory);
        var validated = SpecValidator.ValidateFile(specPath);
        if (!validated.Succeeded)
        {
            throw new SpecRejectedException(specPath, validated.Diagnostics);
        }

        SpecFacts.Register(validated);
        var cluster = SpecNormaliser.Normalise(validated.Document!);

        // A stack with an image lock builds from it: a spec whose declared packages changed is refused until locked again.
        // Nodes that run the image need the lock: without one, the refusal says how to make it.
        if (!File.Exists(NodeImagePackages.LockPath(specPath)) && !RunsTheImage(cluster))
        {
            return (cluster, null);
        }

        try
        {
            return (cluster, NodeImagePackages.CheckedLock(specPath, NodeImagePackages.For(cluster)));
        }
        catch (LockFileException e)
        {
            throw new ImageLockRejectedException(e);
        }
    }

    private static bool RunsTheImage(NormalisedCluster cluster) => cluster.Substrate.Declared.Local?.NodeRoot == LocalNodeRoot.Image;

    // spec.substrate.local.nodeRoot: image: the image `kubedos image build` made from the stack's lock, listed in
    // kubedos:imageManifest (default out/<stack>/manifests/artifact-manifest.json); refused unless built from that lock.
    private NodeImage? NodeImageOf(NormalisedCluster cluster, ImageLock? imageLock, string projectDirectory, string outDirectory)
    {
        if (!RunsTheImage(cluster) || imageLock is null)
        {
            return null;
        }

        var manifest = GetConfig("imageManifest") is { } configured
            ? Path.GetFullPath(configured, projectDirectory)
            : Path.Combine(outDirectory, "manifests", "artifact-manifest.json");
        return NodeImage.Resolve(manifest, StackName, imageLock);
    }

    // kubedos:lockFile when set, else the image lock beside the spec (`kubedos image lock` writes it; load checks it).
    private string? LockFileOf(string specPath, string projectDirectory) =>
        GetConfig("lockFile") is { } lockFile ? Path.GetFullPath(lockFile, projectDirectory)
        : File.Exists(NodeImagePackages.LockPath(specPath)) ? NodeImagePackages.LockPath(specPath)
        : null;

    // A DAG edge: the stage waits for these.
    private static ResourceOptions After(params IEnumerable<Resource> stages) => new() { DependsOn = [.. stages] };

    // Each stage hands converge its own variables per node; a node's set is the union (names are stage-prefixed).
    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, ConvergeVariable>> PerNode(
        params IReadOnlyDictionary<string, IReadOnlyDictionary<string, ConvergeVariable>>?[] stages) =>
        stages.OfType<IReadOnlyDictionary<string, IReadOnlyDictionary<string, ConvergeVariable>>>()
            .SelectMany(stage => stage)
            .GroupBy(node => node.Key, StringComparer.Ordinal)
            .ToDictionary(
                node => node.Key,
                node => (IReadOnlyDictionary<string, ConvergeVariable>)node.SelectMany(n => n.Value).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal),
                StringComparer.Ordinal);

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
