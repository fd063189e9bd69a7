using System.Text.RegularExpressions;
using Kubedos.Spec.Loading;
using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Support;

/// <summary>
/// The one list of what this build carries out of a ClusterSpec: every field not listed here has its
/// effect; every field listed is refused as written (rule <c>unsupported-field</c>), never accepted and
/// ignored (spec section 19.1, no silent fallbacks). The rule, the JSON Schema's descriptions and
/// <c>spec/README.md</c> are all read from this list.
/// </summary>
/// <remarks>
/// A field counts as carried out only when something that builds or guards the cluster reads it
/// (components, providers, policies); a field that only validation reads is a no-op. A field is refused
/// only where the spec writes it, so a default that nothing reads refuses nothing.
/// </remarks>
internal static partial class FieldSupport
{
    private const string NoProvider = "this build has a provider for the local substrate only";
    private const string NoKubernetes = "the Kubernetes stage (6) runs etcd and renders kubeadm's configuration, but nothing runs kubeadm or a kubelet";
    private const string NoStorage = "no storage stage exists yet";

    /// <summary>The acceptance gates this build runs (spec section 17.1); a spec requiring any other is refused (<c>gate-unsupported</c>).</summary>
    public static IReadOnlyList<string> RunnableGates { get; } = ["backplane-matrix", "security-baseline", "etcd-quorum", "observability-stack"];

    /// <summary>Every field this build refuses, in whole or for some values, in spec order.</summary>
    public static IReadOnlyList<FieldSupportEntry> Entries { get; } =
    [
        Set("metadata.labels", "nothing records or applies labels"),
        Values("spec.substrate.type", NoProvider, "local"),
        Set("spec.substrate.proxmox", NoProvider),
        Set("spec.substrate.aws", NoProvider),
        Set("spec.substrate.baremetal", NoProvider),
        Set("spec.nodes.failureDomains", "the local substrate places every node on this machine; nothing spreads nodes over failure domains"),
        Set("spec.nodes.inventory[].failureDomain", "the local substrate places every node on this machine; nothing spreads nodes over failure domains"),
        Set("spec.nodes.inventory[].resources", "a local node is a network namespace sharing the host's CPUs and memory; no provider sizes machines"),
        Set("spec.nodes.inventory[].nics", "no provider attaches NICs; a local node has its underlay link and its planes"),
        Values("spec.networking.addressing.mode", "node addresses come from the node's index or a hash of its name; nothing assigns static or DHCP addresses", "deterministic"),
        Values("spec.security.enrollment.mode", "the enrollment service admits a node by one-time token and CA pin only", "token+pin"),
        Set("spec.security.rotation.kubeCertDays", NoKubernetes),
        True("spec.storage.zfs.enabled", NoStorage),
        Set("spec.storage.zfs.pools", NoStorage),
        Set("spec.storage.zfs.snapshotPolicy", NoStorage),
        True("spec.storage.ceph.enabled", NoStorage),
        Set("spec.storage.ceph.size", NoStorage),
        Set("spec.storage.ceph.minSize", NoStorage),
        Set("spec.storage.ceph.failureDomain", NoStorage),
        Set("spec.storage.ceph.plane", NoStorage),
        Set("spec.storage.ceph.recovery", NoStorage),
        True("spec.orchestration.salt.enabled", "no Salt bootstrap exists yet"),
        Set("spec.orchestration.salt.purpose", "no Salt bootstrap exists yet"),
        Set("spec.orchestration.salt.version", "no Salt bootstrap exists yet"),
        Set("spec.orchestration.ansible.purpose", "converge runs ansible/site.yml whole; nothing chooses what Ansible is used for"),
        Set("spec.orchestration.ansible.version", "converge runs the host's ansible-core (scripts/install-host-deps.sh); nothing installs a pinned version"),
        True("spec.kubernetes.allowReset", NoKubernetes),
        Values("spec.kubernetes.ha.etcd", "etcd members run on the control-plane nodes themselves; nothing provisions separate etcd hosts", "stacked"),
        Values("spec.kubernetes.cni.policyDefault", "the TK8S baseline renders a default-deny NetworkPolicy in every namespace it declares (fail secure)", "deny"),
        Values("spec.kubernetes.observability.logPlane", "Grafana Loki and promtail are not obtainable on this machine, so no node of this build runs them; their configurations are rendered for the Kubernetes reference (out/<stack>/observability/)", "rsyslog"),
    ];

    /// <summary>Every field <paramref name="sources"/> says the spec wrote that this build refuses, with why.</summary>
    public static IEnumerable<SpecFinding> Refusals(ClusterDocument document, SourceMap sources)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(sources);
        var byPattern = Entries.ToDictionary(e => e.Path, StringComparer.Ordinal);
        foreach (var path in sources.Paths.Order(StringComparer.Ordinal))
        {
            if (!byPattern.TryGetValue(Pattern(path), out var entry))
            {
                continue;
            }

            switch (entry.Kind)
            {
                case FieldSupportKind.RefusedWhenSet:
                    yield return new SpecFinding(path, $"'{path}' is not supported by this build yet: {entry.Reason}; remove it");
                    break;
                case FieldSupportKind.RefusedWhenTrue when ValueAt(document, path) is true:
                    yield return new SpecFinding(path, $"'{path}: true' is not supported by this build yet: {entry.Reason}; set it to false");
                    break;
                case FieldSupportKind.SupportedValues when ValueAt(document, path) is Enum value && !entry.Values.Contains(Text(value)):
                    yield return new SpecFinding(path,
                        $"'{path}: {Text(value)}' is not supported by this build yet: {entry.Reason}; supported: {string.Join(", ", entry.Values)}");
                    break;
            }
        }
    }

    /// <summary>The model type declaring <paramref name="entry"/>'s field, and the field's YAML name.</summary>
    /// <exception cref="InvalidOperationException">The entry names no field of the model.</exception>
    public static (Type Declaring, string Field) Locate(FieldSupportEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var type = typeof(ClusterDocument);
        var segments = entry.Path.Split('.');
        for (var i = 0; ; i++)
        {
            var name = segments[i].EndsWith("[]", StringComparison.Ordinal) ? segments[i][..^2] : segments[i];
            var field = SpecShape.Of(type).Fields.FirstOrDefault(f => f.Name == name)
                ?? throw new InvalidOperationException($"field support entry '{entry.Path}': {type.Name} has no field '{name}'");
            if (i == segments.Length - 1)
            {
                return (SpecShape.Of(type).Core, name);
            }

            var next = SpecShape.Of(field.Property.PropertyType);
            type = segments[i].EndsWith("[]", StringComparison.Ordinal) ? next.Element! : next.Core;
        }
    }

    /// <summary>A written path with its list indexes erased: <c>spec.nodes.inventory[2].disks</c> is <c>spec.nodes.inventory[].disks</c>.</summary>
    public static string Pattern(string path) => ListIndex().Replace(path, "[]");

    /// <summary>An enum value as the spec writes it.</summary>
    public static string Text(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return SpecShape.Of(value.GetType()).EnumNames.First(n => n.Value.Equals(value)).Key;
    }

    // The value of a field outside any list (value-judged entries never sit in one).
    private static object? ValueAt(ClusterDocument document, string path)
    {
        object? current = document;
        foreach (var name in path.Split('.'))
        {
            if (current is null)
            {
                return null;
            }

            var field = SpecShape.Of(current.GetType()).Fields.First(f => f.Name == name);
            current = field.Property.GetValue(current);
        }

        return current;
    }

    private static FieldSupportEntry Set(string path, string reason) => new(path, FieldSupportKind.RefusedWhenSet, reason, []);

    private static FieldSupportEntry True(string path, string reason) => new(path, FieldSupportKind.RefusedWhenTrue, reason, []);

    private static FieldSupportEntry Values(string path, string reason, params string[] values) => new(path, FieldSupportKind.SupportedValues, reason, values);

    [GeneratedRegex(@"\[\d+\]", RegexOptions.CultureInvariant)]
    private static partial Regex ListIndex();
}
