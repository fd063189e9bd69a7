using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Serialization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Kubedos.Engine.Model;
using Kubedos.Enrollment.Node;
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
/// Given an <see cref="EnrollmentSite"/> it places itself through each node's bootstrap channel, and the inventory
/// carries the serials the service issued; without one, placing belongs to whoever reaches the nodes: write <see cref="ServiceFiles"/> into <see cref="ServiceStateDirectory"/> on <see cref="ServiceNode"/>,
/// keep <see cref="ServeArgv"/> running there, then on each node write <see cref="AgentEnrollment.TokenFile"/> to
/// <see cref="AgentEnrollment.TokenPath"/> (0600) and run <see cref="AgentEnrollment.Argv"/>.
/// </remarks>
internal sealed class ClusterEnrollment : ComponentResource
{
    public const string TypeToken = Policies.PolicyContract.EnrollmentType;

    /// <summary>The service's TCP port on the control plane.</summary>
    public const int ServicePort = 7443;

    /// <summary>Where the service keeps its files on its node.</summary>
    public const string ServiceStateDirectory = "/var/lib/kubedos/enrollment";

    /// <summary>Where a node keeps its identity (<c>kubedos-agent --dir</c>).</summary>
    public const string IdentityDirectory = "/etc/kubedos/identity";

    /// <summary>Where a node's enrollment token file goes.</summary>
    public const string TokenPath = "/etc/kubedos/enrollment-token";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Plans enrollment of every node of the cluster.</summary>
    /// <param name="name">Resource name (KubedosStack uses <c>enrollment</c>).</param>
    /// <param name="args">The normalised spec, the cluster PKI, the stack's output directory and where to place itself.</param>
    /// <param name="options">Parent and dependencies (the planes must be up before nodes can reach the service).</param>
    public ClusterEnrollment(string name, EnrollmentArgs args, ResourceOptions? options = null)
        : base(TypeToken, name, PolicyInputs(args), options)
    {
        var (cluster, trust, outDirectory) = (args.Cluster, args.Trust, args.OutDirectory);
        ArgumentException.ThrowIfNullOrEmpty(outDirectory);
        var control = cluster.ControlPlane;
        var service = cluster.PrimaryControlPlane;
        ServiceNode = service.Name;
        ServiceUrl = $"https://{service.PlaneAddresses[control.Name]}:{ServicePort}/";
        var security = cluster.Security;
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

        // Placed, each node's serial is the one the service issued it (read back from the node); else the stack's own.
        var serials = args.Site is null
            ? trust.Nodes.Select(identity => (identity.Node, Serial: identity.SerialNumber)).ToList()
            : Place(args.Site, StageOptions.ForChildren(this, options));
        var agentCommand = args.Site?.AgentCommand ?? EnrollmentSite.ShippedAgentCommand;
        Endpoint = trust.CaPin.Apply(pin => new EnrollmentEndpoint(ServiceNode, ServiceUrl, pin, agentCommand));

        var inventoryPath = Path.Combine(outDirectory, "inventory.json");
        Inventory = Output.All(serials.Select(s => s.Serial.Apply(serial => Entry(cluster.Node(s.Node), serial))))
            .Apply(async entries =>
            {
                if (IsDryRun)
                {
                    // A preview changes nothing: the inventory is written by up.
                    return (IReadOnlyList<MembershipEntry>)entries;
                }

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

    /// <summary>The service as a node reaches it, with the CA pin a token must carry.</summary>
    public Output<EnrollmentEndpoint> Endpoint { get; }

    /// <summary>The membership inventory, once written to <c>out/&lt;stack&gt;/inventory.json</c>.</summary>
    public Output<IReadOnlyList<MembershipEntry>> Inventory { get; }

    /// <summary>
    /// The enroll command's script: retries while the service is not up yet (exit 1), stops at a refusal (exit 2), then
    /// prints the node's certificate so the stack learns the serial the service issued. The command runs only when the
    /// node's token changed (a new machine, or its identity re-issued: `kubedos runbook rotate --what node-certs`); when the
    /// token file is newer than the identity the node holds, that identity is set aside and the node enrolls again with
    /// the new token, and it is put back if the enrollment fails, so a refused token never leaves the node without one.
    /// </summary>
    public const string EnrollScript = $$"""
        id={{IdentityDirectory}}
        if [ -e "$id/{{NodeIdentityDirectory.CertificateFile}}" ] && [ {{TokenPath}} -nt "$id/{{NodeIdentityDirectory.CertificateFile}}" ]; then
          rm -rf "$id.previous" && mv "$id" "$id.previous"
        fi
        n=0
        while :; do
          "$@" && break
          rc=$?
          if [ "$rc" -eq 2 ] || [ "$((n + 1))" -ge 150 ]; then
            if [ -d "$id.previous" ] && [ ! -e "$id/{{NodeIdentityDirectory.CertificateFile}}" ]; then rm -rf "$id" && mv "$id.previous" "$id"; fi
            exit "$rc"
          fi
          n=$((n + 1))
          sleep 0.2
        done
        rm -rf "$id.previous"
        cat "$id/{{NodeIdentityDirectory.CertificateFile}}"
        """;

    /// <summary>The serial (lower-case hex, as the service's ledger and audit log write it) of the certificate in <paramref name="stdout"/>.</summary>
    public static string SerialOf(string stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        var begin = stdout.IndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal);
        if (begin < 0)
        {
            throw new FormatException($"the enroll command printed no certificate: '{stdout}'");
        }

        using var certificate = X509Certificate2.CreateFromPem(stdout.AsSpan(begin));
        return certificate.SerialNumber.ToLowerInvariant();
    }

    private List<(string Node, Output<string> Serial)> Place(EnrollmentSite site, ResourceOptions here)
    {
        var channels = site.Nodes.ToDictionary(n => n.Name, n => n.Channel, StringComparer.Ordinal);

        // The agent is software every node holds (it enrolls, and the acceptance gates knock with it), as an image would carry it.
        // A node image that carries the agent needs nothing shipped: the nodes were made from it.
        var agents = site.Agent is { } shipped
            ? site.Nodes.ToDictionary(n => n.Name, n => n.Channel.Install("kubedos-agent", shipped, EnrollmentSite.AgentDirectory, here), StringComparer.Ordinal)
            : [];
        Resource[] AgentOf(string node) => agents.TryGetValue(node, out var payload) ? [payload.Resource] : [];
        var host = channels[ServiceNode];
        var files = ServiceFiles.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => host.WriteFile($"enrollment-{f.Key}", $"{ServiceStateDirectory}/{f.Key}", f.Value, "0600", here))
            .ToList();
        var service = host.Serve(
            "enrollment",
            [.. site.AgentCommand.Concat(ServeArgv.Skip(1)).Select(a => (Input<string>)a)],
            [.. files.Select(f => (Input<string>)f.Sha256), agents.TryGetValue(ServiceNode, out var served) ? served.Digest : Output.Create(site.Image ?? string.Empty)],
            here.After([.. AgentOf(ServiceNode), .. files.Select(f => f.Resource)]));

        var serials = new List<(string Node, Output<string> Serial)>();
        foreach (var agent in Agents)
        {
            var channel = channels[agent.Node];
            var token = channel.WriteFile("enrollment-token", agent.TokenPath, agent.TokenFile, "0600", here);

            // Only a new token enrolls again: a token admits once, so a new agent build must not re-run this.
            var enroll = channel.Run(
                "enroll",
                ["sh", "-c", EnrollScript, "enroll", .. site.AgentCommand.Concat(agent.Argv.Skip(1)).Select(a => (Input<string>)a)],
                [token.Sha256],
                here.After([service, .. AgentOf(agent.Node), token.Resource]));
            serials.Add((agent.Node, enroll.Stdout.Apply(SerialOf)));
        }

        return serials;
    }

    private static EnrollmentPolicyInputs PolicyInputs(EnrollmentArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var enrollment = args.Cluster.Security.Enrollment;
        var mode = typeof(EnrollmentMode).GetField(enrollment.Mode.ToString())?.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? enrollment.Mode.ToString();
        return new EnrollmentPolicyInputs { Mode = mode, JoinWindowMinutes = enrollment.JoinWindowMinutes };
    }

    private static MembershipEntry Entry(NormalisedNode node, string serial) => new(
        node.Name,
        node.Role == NodeRole.ControlPlane ? "control-plane" : "worker",
        node.PlaneAddresses.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal),
        serial);
}
