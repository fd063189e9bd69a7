using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Pki;

namespace Kubedos.Providers.Tls;

/// <summary>Adds "replace: renewal due" to a diff once a recorded renewal time has passed.</summary>
/// <remarks>Shared by certificates (early-renewal window) and WireGuard keys (rotation period).</remarks>
public static class RenewalDiff
{
    /// <summary>
    /// <paramref name="inputDiff"/> plus a replacement when <paramref name="oldOutputs"/>' <paramref name="dueProperty"/>
    /// (an ISO 8601 time) is at or before <paramref name="now"/>.
    /// </summary>
    public static DiffResponse Apply(DiffResponse inputDiff, PropertyMap oldOutputs, string dueProperty, DateTimeOffset now, string what)
    {
        ArgumentNullException.ThrowIfNull(inputDiff);
        ArgumentNullException.ThrowIfNull(oldOutputs);
        if (oldOutputs.GetOrDefault(dueProperty)?.Unwrapped is not { Kind: PropertyValueKind.String } due
            || !DateTimeOffset.TryParse(due.AsString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var dueAt)
            || !RenewalWindow.IsDue(dueAt, TimeSpan.Zero, now))
        {
            return inputDiff;
        }

        var reason = new ReplaceReason(dueProperty, $"{what} is due for renewal since {dueAt:O} (now {now:O}); a new one replaces it");
        return new DiffResponse(
            DiffChanges.Some,
            [.. inputDiff.ChangedKeys.Append(dueProperty).Distinct(StringComparer.Ordinal)],
            [.. inputDiff.ReplaceKeys, reason],
            inputDiff.DeleteBeforeReplace);
    }
}
