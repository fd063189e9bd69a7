namespace Kubedos.Seal.Sbom;

/// <summary>
/// DEP-5 short licence names with an exact SPDX id: the names the Debian copyright-format 1.0 defines (its
/// "License specification" table) and SPDX ids written as such. A name not here has no id, and the licence is NOASSERTION.
/// </summary>
internal static class SpdxLicenceIds
{
    private static readonly Dictionary<string, string> Exact = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Apache-2.0"] = "Apache-2.0",
        ["Apache-1.0"] = "Apache-1.0",
        ["Artistic-1.0"] = "Artistic-1.0",
        ["Artistic-2.0"] = "Artistic-2.0",
        ["BSD-2-clause"] = "BSD-2-Clause",
        ["BSD-3-clause"] = "BSD-3-Clause",
        ["BSD-4-clause"] = "BSD-4-Clause",
        ["ISC"] = "ISC",
        ["CC0-1.0"] = "CC0-1.0",
        ["CC-BY-4.0"] = "CC-BY-4.0",
        ["CC-BY-SA-4.0"] = "CC-BY-SA-4.0",
        ["Expat"] = "MIT",
        ["MIT"] = "MIT",
        ["X11"] = "X11",
        ["Zlib"] = "Zlib",
        ["MPL-1.1"] = "MPL-1.1",
        ["MPL-2.0"] = "MPL-2.0",
        ["EPL-1.0"] = "EPL-1.0",
        ["EPL-2.0"] = "EPL-2.0",
        ["GFDL-1.2"] = "GFDL-1.2-only",
        ["GFDL-1.2+"] = "GFDL-1.2-or-later",
        ["GFDL-1.3"] = "GFDL-1.3-only",
        ["GFDL-1.3+"] = "GFDL-1.3-or-later",
        ["GPL-1"] = "GPL-1.0-only",
        ["GPL-1+"] = "GPL-1.0-or-later",
        ["GPL-2"] = "GPL-2.0-only",
        ["GPL-2+"] = "GPL-2.0-or-later",
        ["GPL-3"] = "GPL-3.0-only",
        ["GPL-3+"] = "GPL-3.0-or-later",
        ["LGPL-2"] = "LGPL-2.0-only",
        ["LGPL-2+"] = "LGPL-2.0-or-later",
        ["LGPL-2.1"] = "LGPL-2.1-only",
        ["LGPL-2.1+"] = "LGPL-2.1-or-later",
        ["LGPL-3"] = "LGPL-3.0-only",
        ["LGPL-3+"] = "LGPL-3.0-or-later",
        ["AGPL-3"] = "AGPL-3.0-only",
        ["AGPL-3+"] = "AGPL-3.0-or-later",
        ["Python-2.0"] = "Python-2.0",
        ["Zope-2.1"] = "ZPL-2.1",
        ["OpenSSL"] = "OpenSSL",
        ["FSFAP"] = "FSFAP",
        ["FSFUL"] = "FSFUL",
        ["FSFULLR"] = "FSFULLR",
        ["Unicode-DFS-2016"] = "Unicode-DFS-2016",
        ["curl"] = "curl",
        ["PostgreSQL"] = "PostgreSQL",
    };

    /// <summary>The SPDX id for a DEP-5 short name, or null when it has none exactly.</summary>
    public static string? For(string dep5Name) => Exact.GetValueOrDefault(dep5Name.Trim());
}
