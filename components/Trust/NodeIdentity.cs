using Kubedos.Engine.Model;
using Kubedos.Spec.Model;

namespace Kubedos.Components.Trust;

/// <summary>One node's credentials from <see cref="ClusterTrust"/>; the key and tokens are secret outputs.</summary>
/// <param name="Node">The node name.</param>
/// <param name="Role">Its role (which decides its key usages).</param>
/// <param name="PrivateKeyPem">The identity key, PKCS#8 PEM. A secret: it goes to the node and nowhere else.</param>
/// <param name="CertificatePem">The identity certificate signed by the cluster intermediate.</param>
/// <param name="SerialNumber">The certificate's hex serial (what <c>kubedos node revoke</c> puts on the list).</param>
/// <param name="IssuedAt">When the current certificate and tokens were issued (the join window starts here).</param>
/// <param name="RenewalDueTime">When the next up re-issues the certificate (the old one stays valid until it expires).</param>
/// <param name="JoinToken">kubeadm's bootstrap token format <c>[a-z0-9]{6}.[a-z0-9]{16}</c>. A secret.</param>
/// <param name="EnrollmentToken"><c>kubedos1:&lt;token&gt;:sha256:&lt;CA pin&gt;</c>: the join token bound to the CA pin, what the node's agent reads. A secret.</param>
internal sealed record NodeIdentity(
    string Node,
    NodeRole Role,
    Output<string> PrivateKeyPem,
    Output<string> CertificatePem,
    Output<string> SerialNumber,
    Output<DateTimeOffset> IssuedAt,
    Output<DateTimeOffset> RenewalDueTime,
    Output<string> JoinToken,
    Output<string> EnrollmentToken);
