namespace Kubedos.Components.Trust;

/// <summary>A certificate lifetime from <c>security.rotation</c> and the renewal window that gives rotation its overlap.</summary>
/// <param name="ValidityHours">The whole lifetime.</param>
/// <param name="EarlyRenewalHours">The last third: from then the next up re-issues while the old certificate stays valid.</param>
internal sealed record CertificateLifetime(int ValidityHours, int EarlyRenewalHours)
{
    public static CertificateLifetime FromDays(int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var hours = days * 24;
        return new CertificateLifetime(hours, hours / 3);
    }
}
