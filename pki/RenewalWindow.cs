namespace Kubedos.Pki;

/// <summary>
/// When a credential with a lifetime is due to be replaced: certificates inside their early-renewal
/// window, WireGuard keys past their rotation period. Diff asks for a replacement once it is due,
/// which is how the spec's rotation periods act on the next <c>up</c>.
/// </summary>
public static class RenewalWindow
{
    /// <summary>True when <paramref name="now"/> is at or past <paramref name="end"/> minus <paramref name="early"/>.</summary>
    public static bool IsDue(DateTimeOffset end, TimeSpan early, DateTimeOffset now) =>
        now >= end - (early < TimeSpan.Zero ? TimeSpan.Zero : early);

    /// <summary>The moment renewal becomes due.</summary>
    public static DateTimeOffset DueAt(DateTimeOffset end, TimeSpan early) =>
        end - (early < TimeSpan.Zero ? TimeSpan.Zero : early);
}
