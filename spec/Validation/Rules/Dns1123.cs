using System.Text.RegularExpressions;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>RFC 1123 labels, as Kubernetes uses them for names.</summary>
internal static partial class Dns1123
{
    public static bool IsLabel(string name) => name.Length <= 63 && Label().IsMatch(name);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
