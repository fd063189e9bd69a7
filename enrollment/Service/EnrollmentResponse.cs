namespace Kubedos.Enrollment.Service;

/// <summary>The service's answer.</summary>
/// <param name="Admitted">True when a certificate was issued.</param>
/// <param name="Reason">On rejection, the stable reason code (<see cref="EnrollmentRejection"/>); on admission <c>admitted</c>.</param>
/// <param name="Message">The reason in words.</param>
/// <param name="CertificatePem">The node certificate (admitted only).</param>
/// <param name="ChainPem">Intermediate and root certificates (admitted only).</param>
/// <param name="Serial">The certificate serial, lower-case hex (admitted only).</param>
public sealed record EnrollmentResponse(
    bool Admitted, string Reason, string Message, string? CertificatePem = null, string? ChainPem = null, string? Serial = null);
