namespace Kubedos.Enrollment.Service;

/// <summary>What a node sends to enroll (JSON over TLS).</summary>
/// <param name="Node">The node's name.</param>
/// <param name="Address">The address the node claims (must be declared for it).</param>
/// <param name="TokenId">The public id of its join token.</param>
/// <param name="Proof">HMAC proof of the token secret bound to CA pin, node, address and CSR (see <see cref="Tokens.JoinTokenProof"/>).</param>
/// <param name="CsrPem">PKCS#10 request for the node's own key, CN = node name.</param>
public sealed record EnrollmentRequest(string Node, string Address, string? TokenId, string? Proof, string CsrPem);
