using System.Net;
using Kubedos.Components.Image;
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

    public ISubstrate Provision(ComponentResource substrate, SubstrateArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var cluster = args.Cluster;
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
            LabOwnerProject = args.ProjectDirectory,
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
                RootfsTarball = args.Image is { } image ? (Input<string>)image.RootfsTarball : null,
                RootfsSha256 = args.Image is { } built ? (Input<string>)built.Sha256 : null,
            }, new ResourceOptions { Parent = substrate });
            var channel = new LocalBootstrapChannel(node.Name, resource);

            // A namespace has no init: runit's runsvdir is the node's service manager, supervising /etc/service (the node's
            // own /etc), so converge manages services through sv alone.
            channel.Serve("runsvdir", ["sh", "-c", RunsvdirCommand], [], new ResourceOptions { Parent = substrate });
            nodes.Add(new SubstrateNode(node, address, channel, resource.Instance) { Disks = Disks(substrate, node, resource) });
        }

        return new LocalLab(nodes, new LocalOperatorAccess(underlay.LabOwner));
    }

    /// <summary>Where this machine keeps <paramref name="image"/> unpacked for the nodes made from it.</summary>
    public static string UnpackedImage(NodeImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Path.Combine(LabOptions.Default.ImageRoot, image.Sha256);
    }

    /// <summary>A lab disk's name: its pool and index as a DNS label (<c>data-0</c>).</summary>
    public static string DiskName(NodeDisk disk, int index)
    {
        ArgumentNullException.ThrowIfNull(disk);
        var pool = new string([.. disk.Pool.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        return $"{(pool.Length == 0 ? "disk" : pool[..Math.Min(pool.Length, 40)])}-{index}";
    }

    // Each disk is a sparse file in the node's lab state on a loop device; the guard holds only for that device while
    // that file backs it, so a wipe or repartition cannot reach another disk of the host.
    private static IReadOnlyList<SubstrateDisk> Disks(ComponentResource substrate, NormalisedNode node, NodeResource resource) =>
        [.. node.Spec.Disks.Select((disk, i) =>
        {
            var name = DiskName(disk, i);
            var made = new NodeDiskResource($"{node.Name}-{name}", new NodeDiskResourceArgs
            {
                Node = resource.NodeName,
                Name = name,
                SizeGiB = disk.SizeGiB,
                LabOwner = resource.LabOwner,
            }, new ResourceOptions { Parent = substrate });
            var guard = Output.Tuple<string, string>(made.Device, made.File).Apply(pair =>
                $"[ \"$(cat /sys/class/block/{Path.GetFileName(pair.Item1)}/loop/backing_file 2>/dev/null)\" = '{pair.Item2}' ]");
            return new SubstrateDisk(name, disk.SizeGiB, disk.Purpose, made.Device, guard, made);
        })];

    /// <summary>How a lab node's service manager starts: runit's <c>runsvdir</c> on <c>/etc/service</c>, each service in its own process group.</summary>
    /// <remarks>
    /// A lab node's <c>/etc</c> is an overlay of the host's, so it would inherit the services the host enables (its
    /// sshd, its syslog). The first start empties the node's <c>/etc/service</c> (whiteouts in the node's own layer; the
    /// host's is untouched, and the command refuses to run where <c>/etc</c> is not an overlay); later starts keep
    /// what converge enabled.
    /// </remarks>
    public const string RunsvdirCommand =
        "[ \"$(findmnt -n -o FSTYPE --target /etc)\" = overlay ] || { echo 'refusing: /etc is not the node overlay' >&2; exit 1; }; "
        + "mkdir -p /etc/service /etc/sv; "
        + "[ -e /etc/service/.kubedos-node ] || { find /etc/service -mindepth 1 -maxdepth 1 -exec rm -rf {} + && touch /etc/service/.kubedos-node; }; "
        + "exec runsvdir -P /etc/service";

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
