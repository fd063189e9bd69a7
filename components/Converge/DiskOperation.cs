using System.Text;
using Kubedos.Components.Access;
using Kubedos.Components.Substrate;
using Kubedos.Engine.Model;
using Kubedos.Policies;
using Kubedos.Providers.Command;
using Kubedos.Spec.Model;

namespace Kubedos.Components.Converge;

/// <summary>
/// A destructive converge operation on one disk (<c>kubedos:converge:DiskOperation</c>): <c>wipe</c> (every signature
/// gone, <c>wipefs</c>) or <c>repartition</c> (one GPT partition over the disk, <c>sfdisk</c>). The policy pack judges
/// it (<c>spec.orchestration.ansible.safety.allowWipe</c>/<c>allowRepartition</c>) before anything runs; it runs once
/// over SSH on wg1 (pinned), after the substrate's guard proves the device is that very disk, and again only when the
/// disk is another one.
/// </summary>
internal sealed class DiskOperation : ComponentResource
{
    public const string TypeToken = PolicyContract.DiskOperationType;
    public const string Wipe = "wipe";
    public const string Repartition = "repartition";

    public DiskOperation(string operation, string node, SubstrateDisk disk, NodeAccess access, ResourceOptions? options = null)
        : base(TypeToken, $"{operation}-{node}-{disk?.Name}", new DiskOperationArgs { Operation = operation, Node = node, Disk = disk!.Name, Device = disk.Device }, options)
    {
        ArgumentNullException.ThrowIfNull(access);
        var script = operation switch
        {
            Wipe => "wipefs --all --force \"$1\"",
            Repartition => "printf 'label: gpt\\n,,L\\n' | sfdisk --quiet --wipe always \"$1\"",
            _ => throw new ArgumentException($"disk operation '{operation}' is neither {Wipe} nor {Repartition}", nameof(operation)),
        };
        var command = Output.Tuple<string, string>(disk.Device, disk.Guard).Apply(pair => Command(pair.Item1, pair.Item2, script, node, disk.Name));
        Run = new RemoteCommand(
            "run",
            new RemoteCommandArgs { Connection = access.Connection(node), Create = command, Triggers = [disk.Device] },
            new ResourceOptions { Parent = this, DependsOn = [.. options?.DependsOn ?? [], disk.Resource] });
        RegisterOutputs(new Dictionary<string, object?> { ["stdout"] = Run.Stdout });
    }

    /// <summary>The command that does it.</summary>
    public RemoteCommand Run { get; }

    /// <summary>What converge does to a disk of <paramref name="purpose"/>, in order: data disks are wiped and given one partition, Ceph OSD disks wiped, OS disks left alone.</summary>
    public static IReadOnlyList<string> For(DiskPurpose purpose) => purpose switch
    {
        DiskPurpose.Data => [Wipe, Repartition],
        DiskPurpose.CephOsd => [Wipe],
        _ => [],
    };

    // Sent as base64 so no quoting of the guard or the script can break out; sudo runs it as root with the device as $1.
    private static string Command(string device, string guard, string script, string node, string disk)
    {
        var text = $"""
            set -eu
            if ! {guard}; then
              echo "refusing: $1 is not disk {disk} of node {node}" >&2
              exit 3
            fi
            {script}
            """;
        return $"printf %s {Convert.ToBase64String(Encoding.UTF8.GetBytes(text))} | base64 -d | sudo -n sh -s -- '{device}'";
    }
}
