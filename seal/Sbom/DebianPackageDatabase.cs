using System.Security.Cryptography;

namespace Kubedos.Seal.Sbom;

/// <summary>
/// The installed packages of a Debian root filesystem, read from its own dpkg database (<c>var/lib/dpkg/status</c>),
/// their copyright files (<c>usr/share/doc/NAME/copyright</c>) and, when a <c>.deb</c> is in one of the given stores,
/// its SHA-256. The root is <c>/</c> for the lab (its nodes run the host's packages) and the built image's tree later.
/// </summary>
public sealed class DebianPackageDatabase
{
    private readonly Dictionary<string, List<InstalledPackage>> _byName;
    private readonly Dictionary<string, List<InstalledPackage>> _providers;

    private DebianPackageDatabase(string root, IReadOnlyList<InstalledPackage> installed, IReadOnlyList<string> debStores)
    {
        Root = root;
        Installed = installed;
        DebStores = debStores;
        _byName = installed.GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        _providers = installed
            .SelectMany(p => p.Provides.Select(name => (name, p)))
            .GroupBy(x => x.name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.p).ToList(), StringComparer.Ordinal);
    }

    /// <summary>The root filesystem read.</summary>
    public string Root { get; }

    /// <summary>Every package dpkg records as installed (<c>Status: install ok installed</c>).</summary>
    public IReadOnlyList<InstalledPackage> Installed { get; }

    /// <summary>The directories searched for <c>NAME_VERSION_ARCH.deb</c> files.</summary>
    public IReadOnlyList<string> DebStores { get; }

    /// <summary>Reads the dpkg database under <paramref name="root"/>.</summary>
    /// <param name="root">The root filesystem.</param>
    /// <param name="debStores">Directories holding the <c>.deb</c> files (apt's archive cache, the image's content store).</param>
    /// <exception cref="IOException">The status file cannot be read.</exception>
    public static DebianPackageDatabase Read(string root, IEnumerable<string> debStores)
    {
        ArgumentNullException.ThrowIfNull(root);
        var status = Path.Combine(root, "var", "lib", "dpkg", "status");
        var installed = new List<InstalledPackage>();
        foreach (var p in Dep5Copyright.Paragraphs(File.ReadAllText(status)))
        {
            if (!p.TryGetValue("Package", out var name) || !p.TryGetValue("Version", out var version)
                || !p.TryGetValue("Status", out var state) || !state.EndsWith(" installed", StringComparison.Ordinal) || !state.StartsWith("install ", StringComparison.Ordinal))
            {
                continue;
            }

            var arch = p.GetValueOrDefault("Architecture", "all");
            installed.Add(new InstalledPackage(
                name,
                version,
                arch,
                Relations(p.GetValueOrDefault("Pre-Depends")).Concat(Relations(p.GetValueOrDefault("Depends"))).ToList(),
                Relations(p.GetValueOrDefault("Provides")).Select(alternatives => alternatives[0]).ToList()));
        }

        return new DebianPackageDatabase(root, installed.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Architecture, StringComparer.Ordinal).ToList(), debStores.ToList());
    }

    /// <summary>
    /// The packages <paramref name="roots"/> name and everything they depend on (Pre-Depends and Depends, an alternative
    /// resolved to the first installed one), as SBOM packages with their dependency edges.
    /// </summary>
    /// <exception cref="ArgumentException">A root is not installed.</exception>
    public IReadOnlyList<SbomPackage> Closure(IEnumerable<string> roots, out IReadOnlyList<string> rootRefs)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var seen = new Dictionary<InstalledPackage, List<InstalledPackage>>();
        var queue = new Queue<InstalledPackage>();
        var top = new List<InstalledPackage>();
        foreach (var name in roots)
        {
            var package = Resolve(name) ?? throw new ArgumentException($"package '{name}' is not installed under {Root}", nameof(roots));
            top.Add(package);
            queue.Enqueue(package);
        }

        while (queue.Count > 0)
        {
            var package = queue.Dequeue();
            if (seen.ContainsKey(package))
            {
                continue;
            }

            var dependencies = package.Depends
                .Select(alternatives => alternatives.Select(Resolve).FirstOrDefault(p => p is not null))
                .OfType<InstalledPackage>()
                .Where(d => d != package)
                .Distinct()
                .ToList();
            seen[package] = dependencies;
            foreach (var d in dependencies)
            {
                queue.Enqueue(d);
            }
        }

        rootRefs = top.Select(Ref).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return seen
            .Select(kv => new SbomPackage(
                Ref(kv.Key),
                kv.Key.Name,
                kv.Key.Version,
                Ref(kv.Key),
                DebSha256(kv.Key),
                null,
                Licence(kv.Key),
                kv.Value.Select(Ref).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                [new("kubedos:deb:architecture", kv.Key.Architecture)]))
            .OrderBy(p => p.Ref, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The installed version of <paramref name="name"/>, or null.</summary>
    public string? VersionOf(string name) => Resolve(name)?.Version;

    private static string Ref(InstalledPackage p) => Purl.Debian(p.Name, p.Version, p.Architecture);

    // "libc6:amd64", "awk", "default-mta | mail-transport-agent": by name first, then by what provides it.
    private InstalledPackage? Resolve(string relation)
    {
        var name = relation.Split(':')[0];
        if (_byName.TryGetValue(name, out var direct))
        {
            return direct[0];
        }

        return _providers.TryGetValue(name, out var providers) ? providers[0] : null;
    }

    private DeclaredLicence Licence(InstalledPackage p)
    {
        var path = Path.Combine(Root, "usr", "share", "doc", p.Name, "copyright");
        try
        {
            return File.Exists(path) ? Dep5Copyright.Read(File.ReadAllText(path)) : DeclaredLicence.None;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return DeclaredLicence.None;
        }
    }

    private string? DebSha256(InstalledPackage p)
    {
        // apt names archives NAME_VERSION_ARCH.deb with the epoch's colon written %3a.
        var file = $"{p.Name}_{p.Version.Replace(":", "%3a", StringComparison.Ordinal)}_{p.Architecture}.deb";
        foreach (var store in DebStores)
        {
            var path = Path.Combine(store, file);
            if (File.Exists(path))
            {
                using var stream = File.OpenRead(path);
                return Convert.ToHexStringLower(SHA256.HashData(stream));
            }
        }

        return null;
    }

    // "a (>= 1) | b, c:any": one list of alternative names per comma-separated relation, versions dropped.
    private static IEnumerable<IReadOnlyList<string>> Relations(string? field)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            yield break;
        }

        foreach (var relation in field.Replace("\n", " ", StringComparison.Ordinal).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            yield return relation.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(a => a.Split([' ', '('], 2)[0].Trim())
                .Where(a => a.Length > 0)
                .ToList();
        }
    }
}
