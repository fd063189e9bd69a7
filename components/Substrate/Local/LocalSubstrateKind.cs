using System.Net;
using Kubedos.Engine.Model;
using Kubedos.Providers.Local;
using Kubedos.Providers.Random;
using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Substrate.Local;

/// <summary><c>spec.substrate.type: local</c>: nodes are network namespaces on this machine (<c>providers/Local</c>).</summary>
internal sealed class LocalSubstrateKind : ISubstrateKind
{
    public SubstrateType Type => SubstrateType.Local;

    public ISubstrate Provision(ComponentResource substrate, NormalisedCluster cluster, string projectDirectory)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var cidr = cluster.Substrate.LocalUnderlay
            ?? throw new InvalidOperationException($"the local substrate was handed a {SubstrateKinds.SpecName(cluster.Substrate.Type)} spec without a local underlay");

        // Lab names derive from the stack name alone: an id kept in this state tells this state's lab from another
        // state's lab of the same stack name (a checkout's and a test's), so neither adopts or removes the other's.
        var owner = new RandomId("lab-owner", new RandomIdArgs { ByteLength = 8 }, new ResourceOptions { Parent = substrate });
        var underlay = new UnderlayResource("underlay", new UnderlayResourceArgs
        {
            Cidr = cidr.ToString(),
            FallbackCidrs = [.. cluster.Planes.Select(p => (Input<string>)p.Cidr.ToString())],
            LabOwner = owner.Hex,
            LabOwnerProject = projectDirectory,
        }, new ResourceOptions { Parent = substrate });

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
            }, new ResourceOptions { Parent = substrate });
            nodes.Add(new SubstrateNode(node, address, new LocalBootstrapChannel(node.Name, resource), resource.Instance));
        }

        return new LocalLab(nodes, new LocalOperatorAccess(underlay.LabOwner));
    }

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

    private sealed record LocalLab(IReadOnlyList<SubstrateNode> Nodes, IOperatorAccess OperatorAccess) : ISubstrate;
}
