namespace Kubedos.Enrollment.Service;

/// <summary>What an enrolled node sends (authenticated by its current certificate) to rotate to a new key.</summary>
/// <param name="CsrPem">PKCS#10 request for the node's new key, CN = node name.</param>
public sealed record RenewalRequest(string CsrPem);
