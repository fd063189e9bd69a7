using System.Net;
using Kubedos.Engine.Model;
using Kubedos.Providers.Local;
using Kubedos.Providers.Random;
using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Substrate;

/// <summary>
/// Stage 1 (<c>kubedos:components:Substrate</c>): the machines. Chooses the provider from
/// <c>spec.substrate.type</c>; only <c>local</c> (network namespaces on this machine) is built in.
/// </summary>
internal sealed class Substrate : ComponentResource
{
    public const string TypeToken = "kubedos:components:Substrate";

    /// <param name="name">The component's name.</param>
    /// <param name="cluster">The normalised spec.</param>
    /// <param name="projectDirectory">The project directory of the state being deployed (recorded as the lab's owner).</param>
    /// <param name="options">Resource options.</param>
    public Substrate(string name, NormalisedCluster cluster, string projectDirectory, ResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var substrate = cluster.Document.Spec.Substrate;
        Nodes = substrate.Type switch
        {
            SubstrateType.Local => BuildLocal(cluster, substrate.Local ?? new LocalSubstrate(), projectDirectory),
            var other => throw new UnsupportedSubstrateException(SpecName(other)),
        };
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["type"] = SpecName(substrate.Type),
            ["nodes"] = Nodes.ToDictionary(n => n.Name, n => (object?)n.UnderlayAddress, StringComparer.Ordinal),
        });
    }

    /// <summary>Every node, in the spec's order.</summary>
    public IReadOnlyList<SubstrateNode> Nodes { get; }

    /// <summary>The node's underlay address: the underlay network plus the node's plane offset.</summary>
    public static IPAddress UnderlayAddress(Ipv4Cidr underlay, NormalisedNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Offset < 1 || node.Offset > PlaneAddressing.MaxNodeOffset(underlay.Size))
        {
            throw new InvalidOperationException(
                $"node {node.Name}: offset {node.Offset} has no host address in the underlay {underlay} (its last usable address is the operator's); use a larger spec.substrate.local.underlayCidr");
        }

        return underlay.At(node.Offset);
    }

    private static string SpecName(SubstrateType type) => type switch
    {
        SubstrateType.Local => "local",
        SubstrateType.Proxmox => "proxmox",
        SubstrateType.Aws => "aws",
        SubstrateType.Baremetal => "baremetal",
        _ => type.ToString().ToLowerInvariant(),
    };

    private List<SubstrateNode> BuildLocal(NormalisedCluster cluster, LocalSubstrate local, string projectDirectory)
    {
        if (!Ipv4Cidr.TryParse(local.UnderlayCidr, out var cidr, out var error))
        {
            throw new InvalidOperationException($"spec.substrate.local.underlayCidr: {error}");
        }

        // Lab names derive from the stack name alone: an id kept in this state tells this state's lab from another
        // state's lab of the same stack name (a checkout's and a test's), so neither adopts or removes the other's.
        var owner = new RandomId("lab-owner", new RandomIdArgs { ByteLength = 8 }, new ResourceOptions { Parent = this });
        var underlay = new UnderlayResource("underlay", new UnderlayResourceArgs
        {
            Cidr = cidr.ToString(),
            FallbackCidrs = [.. cluster.Planes.Select(p => (Input<string>)p.Cidr.ToString())],
            LabOwner = owner.Hex,
            LabOwnerProject = projectDirectory,
        }, new ResourceOptions { Parent = this });

        var nodes = new List<SubstrateNode>();
        foreach (var node in cluster.Nodes)
        {
            var address = UnderlayAddress(cidr, node).ToString();
            var resource = new NodeResource(node.Name, new NodeResourceArgs
            {
                Name = node.Name,
                Address = address,
                UnderlayCidr = underlay.Cidr,
                LabOwner = underlay.LabOwner,
            }, new ResourceOptions { Parent = this });
            nodes.Add(new SubstrateNode(node, address, new LocalBootstrapChannel(node.Name, resource), underlay.LabOwner));
        }

        return nodes;
    }
}
