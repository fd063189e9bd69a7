using System.Globalization;
using Kubedos.Spec.Model;
using Kubedos.Spec.Validation.Support;

namespace Kubedos.Spec.Normalisation;

/// <summary>Turns a validated ClusterSpec into its normalised model (stage 0's output).</summary>
internal static class SpecNormaliser
{
    /// <summary>First WireGuard port; plane wgN listens on 51820 + N unless it says otherwise.</summary>
    public const int BaseListenPort = 51820;

    /// <summary>Normalises <paramref name="document"/>, which must have passed validation.</summary>
    /// <exception cref="InvalidOperationException">The document has a fault validation reports.</exception>
    public static NormalisedCluster Normalise(ClusterDocument document)
    {
        var planes = document.Spec.Networking.Planes
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select((p, ordinal) => NormalisePlane(p.Key, p.Value, ordinal))
            .ToArray();
        if (planes.Length == 0)
        {
            throw new InvalidOperationException("a spec without planes cannot be normalised; validate it first");
        }

        var smallest = planes.Min(p => p.Cidr.Size);
        var nodes = document.Spec.Nodes.Inventory
            .Select(node =>
            {
                var offset = PlaneAddressing.OffsetOf(node, smallest);
                var addresses = planes.ToDictionary(p => p.Name, p => p.Cidr.At(offset), StringComparer.Ordinal);
                return new NormalisedNode(node.Name, node.Role, node.FailureDomain, offset, addresses, node);
            })
            .ToArray();
        var spec = document.Spec;
        return new NormalisedCluster(document.Metadata.Name, planes, nodes)
        {
            Substrate = NormaliseSubstrate(spec.Substrate),
            Security = new NormalisedSecurity(spec.Security.Bootstrap, spec.Security.Enrollment, NormaliseSsh(spec.Security.Ssh), spec.Security.Rotation),
            PlanePolicy = new NormalisedPlanePolicy(
                spec.Networking.Policy.DefaultInterPlane,
                [.. spec.Networking.Policy.Allow.Select(rule => new NormalisedAllowRule(
                    PlaneNamed(planes, rule.From), PlaneNamed(planes, rule.To), [.. rule.Ports.Select(PortRange.Parse)]))]),
            AcceptanceGates = Gates(spec.Acceptance),
            PrimaryControlPlane = nodes.FirstOrDefault(n => n.Role == NodeRole.ControlPlane)
                ?? throw new InvalidOperationException("a spec without a control-plane node cannot be normalised; validate it first"),
            Kubernetes = spec.Kubernetes,
            Orchestration = spec.Orchestration,
            Storage = spec.Storage,
            Drills = spec.Acceptance.Drills,
            MttrTargetMinutes = spec.Acceptance.MttrTargetMinutes,
        };
    }

    /// <summary>The gates to run: the spec's required ones, or every gate this build runs when it names none.</summary>
    /// <exception cref="InvalidOperationException">The spec requires a gate this build cannot run (validation refuses such a spec, rule gate-unsupported).</exception>
    public static IReadOnlyList<string> Gates(AcceptanceSpec acceptance)
    {
        ArgumentNullException.ThrowIfNull(acceptance);
        if (acceptance.Required.FirstOrDefault(g => !FieldSupport.RunnableGates.Contains(g)) is { } unknown)
        {
            throw new InvalidOperationException(
                $"spec.acceptance.required names gate '{unknown}', which this build cannot run (rule gate-unsupported); a required gate is never dropped from the run");
        }

        return acceptance.Required.Count == 0 ? FieldSupport.RunnableGates : acceptance.Required;
    }

    // The operator logs in as the first allowed user; validation (ssh-allow-users) holds the list non-empty.
    private static NormalisedSsh NormaliseSsh(SshSpec ssh) => new(
        ssh.AllowUsers,
        ssh.AllowUsers.Count > 0 ? ssh.AllowUsers[0] : throw new InvalidOperationException("spec.security.ssh.allowUsers is empty, so no operator user can be chosen; validate the spec first"),
        ssh.PasswordAuth,
        ssh.PermitRootLogin);

    private static NormalisedSubstrate NormaliseSubstrate(SubstrateSpec substrate)
    {
        if (substrate.Type != SubstrateType.Local)
        {
            return new NormalisedSubstrate(substrate.Type, null, substrate);
        }

        var underlay = (substrate.Local ?? new LocalSubstrate()).UnderlayCidr;
        return Ipv4Cidr.TryParse(underlay, out var cidr, out var error)
            ? new NormalisedSubstrate(substrate.Type, cidr, substrate)
            : throw new InvalidOperationException($"spec.substrate.local.underlayCidr: {error}; validate the spec first");
    }

    private static NormalisedPlane PlaneNamed(IReadOnlyList<NormalisedPlane> planes, string name) =>
        planes.FirstOrDefault(p => p.Name == name) ?? throw new InvalidOperationException($"an allow rule names plane '{name}', which the spec does not declare; validate it first");

    private static NormalisedPlane NormalisePlane(string name, PlaneSpec plane, int ordinal)
    {
        if (!Ipv4Cidr.TryParse(plane.Cidr, out var cidr, out var error))
        {
            throw new InvalidOperationException($"plane {name}: {error}; validate the spec first");
        }

        var number = name.StartsWith("wg", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : ordinal + 1;
        var port = plane.ListenPort ?? BaseListenPort + number;
        return new NormalisedPlane(name, cidr, plane.Purpose, port, cidr.At(PlaneAddressing.OperatorOffset(cidr.Size)));
    }
}
