using Kubedos.Pki;
using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Trust;

/// <summary>What a node's identity certificate says, by role: a pure function of the normalised node.</summary>
/// <param name="CommonName">The node name.</param>
/// <param name="Organization">The role as <c>kubedos:&lt;role&gt;</c>, so a peer can authorise by role.</param>
/// <param name="DnsNames">The node name.</param>
/// <param name="IpAddresses">The node's address on every plane, in plane order.</param>
/// <param name="AllowedUses">Control planes serve (enrollment, API) and authenticate; workers only authenticate.</param>
internal sealed record NodeCertificateProfile(
    string CommonName,
    string Organization,
    IReadOnlyList<string> DnsNames,
    IReadOnlyList<string> IpAddresses,
    IReadOnlyList<string> AllowedUses)
{
    public static NodeCertificateProfile For(NormalisedNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var role = node.Role == NodeRole.ControlPlane ? "control-plane" : "worker";
        IReadOnlyList<string> uses = node.Role == NodeRole.ControlPlane
            ? [CertificateUses.DigitalSignature, CertificateUses.ServerAuth, CertificateUses.ClientAuth]
            : [CertificateUses.DigitalSignature, CertificateUses.ClientAuth];
        return new NodeCertificateProfile(
            node.Name,
            $"kubedos:{role}",
            [node.Name],
            [.. node.PlaneAddresses.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value.ToString())],
            uses);
    }
}
