using System.Text.RegularExpressions;

namespace Kubedos.Spec.Validation;

/// <summary>
/// Whether a version is pinned: the one judgement that validate (<c>version-pinned</c>) and the policy
/// pack (<c>pinned-payloads</c>) both make, so a spec one accepts the other cannot reject.
/// </summary>
/// <remarks>
/// Pinned means an exact version (1.31.2, v0.4.1, 2.40.1-1ubuntu1, 1:9.6p1-3) or a digest (sha256:...).
/// An open patch (v1.30.x) is not: spec section 15.1 resolves such references to locks during
/// manufacturing, and this build has no lock step, so nothing would ever resolve it.
/// </remarks>
internal static partial class PinnedVersion
{
    /// <summary>Why <paramref name="version"/> is not pinned, or null when it is.</summary>
    public static string? Problem(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return Digest().IsMatch(version) || Exact().IsMatch(version) ? null
            : version.Length == 0 ? "is empty"
            : string.Equals(version, "latest", StringComparison.OrdinalIgnoreCase) ? "is latest"
            : "is a range or a moving tag, not an exact version";
    }

    /// <summary>Whether <paramref name="text"/> is a content digest (sha256:... or sha512:...).</summary>
    public static bool IsDigest(string text) => Digest().IsMatch(text);

    [GeneratedRegex(@"^sha(256:[0-9a-f]{64}|512:[0-9a-f]{128})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Digest();

    // Digits with dots, an optional v and epoch, and an optional pre-release/build/distro suffix.
    [GeneratedRegex(@"^(\d+:)?v?\d+(\.\d+)+([-+~A-Za-z][0-9A-Za-z.+~-]*)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Exact();
}
