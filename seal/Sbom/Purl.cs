using System.Text;

namespace Kubedos.Seal.Sbom;

/// <summary>Package URLs (purl-spec) for the ecosystems the seal lists.</summary>
public static class Purl
{
    /// <summary><c>pkg:deb/debian/NAME@VERSION?arch=ARCH</c>; the epoch's colon stays, <c>+</c> and other reserved characters are percent-encoded.</summary>
    public static string Debian(string name, string version, string architecture) =>
        $"pkg:deb/debian/{Encode(name)}@{Encode(version, keepColon: true)}?arch={Encode(architecture)}";

    /// <summary><c>pkg:nuget/NAME@VERSION</c> (NuGet ids keep their case).</summary>
    public static string NuGet(string id, string version) => $"pkg:nuget/{Encode(id)}@{Encode(version)}";

    /// <summary><c>pkg:generic/NAME@VERSION</c>, for what no package ecosystem names.</summary>
    public static string Generic(string name, string version) => $"pkg:generic/{Encode(name)}@{Encode(version)}";

    // purl-spec: unreserved characters pass, everything else is %XX of its UTF-8 bytes.
    private static string Encode(string text, bool keepColon = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '~' || (keepColon && c == ':'))
            {
                result.Append(c);
            }
            else
            {
                result.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return result.ToString();
    }
}
