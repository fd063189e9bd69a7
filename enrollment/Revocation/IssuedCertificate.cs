namespace Kubedos.Enrollment.Revocation;

/// <summary>One node certificate the service issued (public facts only).</summary>
/// <param name="Serial">Lower-case hex serial.</param>
/// <param name="Node">The node.</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="PublicKeyPin">The pin of the node's key.</param>
public sealed record IssuedCertificate(string Serial, string Node, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string PublicKeyPin);
