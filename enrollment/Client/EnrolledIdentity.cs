namespace Kubedos.Enrollment.Client;

/// <summary>What a node holds after enrollment: its certificate and the chain to the root.</summary>
/// <param name="CertificatePem">The node certificate.</param>
/// <param name="ChainPem">Intermediate and root CA certificates.</param>
/// <param name="Serial">The certificate serial (lower-case hex).</param>
public sealed record EnrolledIdentity(string CertificatePem, string ChainPem, string Serial);
