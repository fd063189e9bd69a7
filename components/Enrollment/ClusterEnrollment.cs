using System.Collections.Immutable;
using System.Text.Json;
using Kubedos.Components.Trust;
using Kubedos.Engine.Model;
using Kubedos.Enrollment.Service;
using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Enrollment;

/// <summary>
/// <c>kubedos:components:Enrollment</c>: gated enrollment. Works out the enrollment service on the first control-plane
/// node (its control-plane address, its state files, its <c>kubedos-agent serve</c> command) and, for every node, the
/// token file and <c>kubedos-agent enroll</c> command its first boot runs; writes the membership inventory to
/// <c>out/&lt;stack&gt;/inventory.json</c>.
/// </summary>
/// <remarks>
/// Placing the files and commands on the nodes belongs to whoever reaches them (the substrate's bootstrap channel,
/// or SSH on wg1): write <see cref="ServiceFiles"/> into <see cref="ServiceStateDirectory"/> on <see cref="ServiceNode"/>,
/// keep <see cref="ServeArgv"/> running there, then on each node write <see cref="AgentEnrollment.TokenFile"/> to
/// <see cref="AgentEnrollment.TokenPath"/> (0600) and run <see cref="AgentEnrollment.Argv"/>.
/// </remarks>
internal sealed class ClusterEnrollment : ComponentResource
{
    public const string TypeToken = "kubedos:components:Enrollment";

    /// <summary>The service's TCP port on the control plane.</summary>
    public const int ServicePort = 7443;

    /// <summary>Where the service keeps its files on its node.</summary>
    public const string ServiceStateDirectory = "/var/lib/kubedos/enrollment";

    /// <summary>Where a node keeps its identity (<c>kubedos-agent --dir</c>).</summary>
    public const string IdentityDirectory = "/etc/kubedos/identity";

    /// <summary>Where a node's enrollment token file goes.</summary>
    public const string TokenPath = "/etc/kubedos/enrollment-token";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Plans enrollment of every node of <paramref name="cluster"/>.</summary>
    /// <param name="name">Resource name (KubedosStack uses <c>enrollment</c>).</param>
    /// <param name="cluster">The normalised spec: nodes, roles, plane addresses, joinWindowMinutes, nodeCertDays.</param>
    /// <param name="trust">The cluster PKI: CA certificates and key, node identities and tokens.</param>
    /// <param name="outDirectory"><c>out/&lt;stack&gt;</c>; <c>inventory.json</c> goes there.</param>
    /// <param name="options">Parent and dependencies (the planes must be up before nodes can reach the service).</param>
    public ClusterEnrollment(string name, NormalisedCluster cluster, ClusterTrust trust, string outDirectory, ResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentException.ThrowIfNullOrEmpty(outDirectory);
        var control = cluster.Planes.FirstOrDefault(p => p.Purpose == PlanePurpose.Control) ?? cluster.Planes[0];
        var service = cluster.Nodes.First(n => n.Role == NodeRole.ControlPlane);
        ServiceNode = service.Name;
        ServiceUrl = $"https://{service.PlaneAddresses[control.Name]}:{ServicePort}/";
        var security = cluster.Document.Spec.Security;
        ServeArgv =
        [
            "kubedos-agent", "serve",
            "--listen", $"{service.PlaneAddresses[control.Name]}:{ServicePort}",
            "--state", ServiceStateDirectory,
            "--join-window-minutes", security.Enrollment.JoinWindowMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--node-cert-days", security.Rotation.NodeCertDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ];

        var declared = cluster.Nodes.ToDictionary(
            n => n.Name, n => (IReadOnlyList<string>)[.. n.PlaneAddresses.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value.ToString())], StringComparer.Ordinal);
        var tokens = Output.All(trust.Nodes.Select(n => Output.Tuple<string, DateTimeOffset>(n.JoinToken, n.IssuedAt).Apply(t => (Node: n.Node, JoinToken: t.Item1, IssuedAt: t.Item2))));
        ServiceFiles = new Dictionary<string, Output<string>>(StringComparer.Ordinal)
        {
            [ServiceState.RootFile] = trust.RootCertPem,
            [ServiceState.IntermediateFile] = trust.IntermediateCertPem,
            [ServiceState.IntermediateKeyFile] = trust.IntermediateKeyPem,
            [ServiceState.InventoryFile] = Output.Create(ServiceState.RenderInventory(declared)),

            // Each token's join window starts when its identity was issued.
            [ServiceState.TokensFile] = tokens.Apply(all => ServiceState.RenderTokens(all)),
        }.ToImmutableDictionary(StringComparer.Ordinal);

        // `kubedos node revoke` writes the stack's revocation list; the next up hands it to the service, which reads it
        // on every request.
        var revocations = EnrollmentStateDirectory.Of(outDirectory).RevocationsPath;
        if (File.Exists(revocations))
        {
            ServiceFiles = ((ImmutableDictionary<string, Output<string>>)ServiceFiles).SetItem(ServiceState.RevocationsFile, Output.Create(File.ReadAllText(revocations)));
        }

        Agents = [.. trust.Nodes.Select(identity =>
        {
            var node = cluster.Node(identity.Node);
            return new AgentEnrollment(identity.Node, TokenPath, identity.EnrollmentToken,
            [
                "kubedos-agent", "enroll",
                "--service", ServiceUrl,
                "--dir", IdentityDirectory,
                "--token-file", TokenPath,
                "--node", identity.Node,
                "--address", node.PlaneAddresses[control.Name].ToString(),
            ]);
        })];

        var inventoryPath = Path.Combine(outDirectory, "inventory.json");
        Inventory = Output.All(trust.Nodes.Select(identity => identity.SerialNumber.Apply(serial => Entry(cluster.Node(identity.Node), serial))))
            .Apply(async entries =>
            {
                Directory.CreateDirectory(outDirectory);
                var text = JsonSerializer.Serialize(entries, Json);
                await File.WriteAllTextAsync(inventoryPath + ".tmp", text);
                File.Move(inventoryPath + ".tmp", inventoryPath, overwrite: true);
                return (IReadOnlyList<MembershipEntry>)entries;
            });

        RegisterOutputs(new Dictionary<string, object?>
        {
            ["serviceNode"] = ServiceNode,
            ["serviceUrl"] = ServiceUrl,
            ["inventory"] = Inventory.Apply(entries => entries.ToDictionary(e => e.Node, e => e.CertificateSerial, StringComparer.Ordinal)),
        });
    }

    /// <summary>The first control-plane node, which runs the service.</summary>
    public string ServiceNode { get; }

    /// <summary>The service on the service node's control-plane address.</summary>
    public string ServiceUrl { get; }

    /// <summary>The service's command line (<c>kubedos-agent serve</c>), to keep running on <see cref="ServiceNode"/>.</summary>
    public IReadOnlyList<string> ServeArgv { get; }

    /// <summary>The service's files by name (the intermediate key and the tokens are secrets), for <see cref="ServiceStateDirectory"/>.</summary>
    public IReadOnlyDictionary<string, Output<string>> ServiceFiles { get; }

    /// <summary>Every node's first-boot enrollment, in spec order.</summary>
    public ImmutableArray<AgentEnrollment> Agents { get; }

    /// <summary>The membership inventory, once written to <c>out/&lt;stack&gt;/inventory.json</c>.</summary>
    public Output<IReadOnlyList<MembershipEntry>> Inventory { get; }

    private static MembershipEntry Entry(NormalisedNode node, string serial) => new(
        node.Name,
        node.Role == NodeRole.ControlPlane ? "control-plane" : "worker",
        node.PlaneAddresses.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal),
        serial);
}
