using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Kubedos.Image.Lock;

/// <summary>
/// Resolves a declared package set against a mirror into an <see cref="ImageLock"/>: Debian's required base plus
/// the declared packages and their dependencies (no recommends), each with the version and SHA-256 of the signed index.
/// </summary>
public static partial class PackageResolver
{
    public static async Task<ImageLock> ResolveAsync(AptSource source, DeclaredPackageSet declared, CancellationToken cancellationToken)
    {
        using var apt = await PrivateApt.CreateAsync(source, cancellationToken);
        var index = PackageIndex.Parse(await apt.RunAsync("apt-cache", ["dumpavail"], cancellationToken));
        var wanted = index.Required.Concat(declared.Names).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var unknown = declared.Names.Where(n => !index.HasPackage(n)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ImageBuildException("lock", $"not in {source.Mirror} {source.Suite}/{source.Component} ({source.Architecture}): {string.Join(", ", unknown)}");
        }

        var uris = await apt.RunAsync(
            "apt-get", ["-o", $"APT::Architecture={source.Architecture}", "install", "--print-uris", "-qq", "-y", "--no-install-recommends", .. wanted], cancellationToken);
        var packages = new List<LockedPackage>();
        foreach (Match match in PrintedUri().Matches(uris))
        {
            var poolPath = Uri.UnescapeDataString(match.Groups["path"].Value);
            packages.Add(index.ByFilename(poolPath)
                ?? throw new ImageBuildException("lock", $"apt chose {poolPath}, which the index does not list"));
        }

        var inRelease = await File.ReadAllBytesAsync(apt.InReleasePath, cancellationToken);
        var snapshot = new MirrorSnapshot(ReleaseDate(System.Text.Encoding.UTF8.GetString(inRelease)), Convert.ToHexStringLower(SHA256.HashData(inRelease)));
        return new ImageLock(source, snapshot, declared.Names, packages);
    }

    private static DateTimeOffset ReleaseDate(string inRelease)
    {
        var line = inRelease.Split('\n').FirstOrDefault(l => l.StartsWith("Date: ", StringComparison.Ordinal))
            ?? throw new ImageBuildException("lock", "the mirror's InRelease has no Date field");
        return DateTimeOffset.ParseExact(line[6..].Trim(), "ddd, dd MMM yyyy HH:mm:ss 'UTC'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    [GeneratedRegex("^'(?<uri>[^']*?/(?<path>pool/[^']+))' \\S+ \\d+ \\S+$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex PrintedUri();
}
