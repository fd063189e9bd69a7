namespace Kubedos.Seal.Sbom;

/// <summary>A bill of materials, ready for either format: the thing described, its packages, and where the facts came from.</summary>
/// <param name="Name">The subject (<c>kubedos-agent</c>, <c>lab-node-software</c>).</param>
/// <param name="Version">The subject's version.</param>
/// <param name="Kind">What the subject is: <c>application</c> or <c>operating-system</c> (CycloneDX component types).</param>
/// <param name="Created">When the document is dated (SOURCE_DATE_EPOCH when set, for reproducible documents).</param>
/// <param name="ToolVersion">The kubedos version that wrote it.</param>
/// <param name="Packages">Every package, in ordinal order of ref.</param>
/// <param name="DirectDependencies">The refs the subject itself depends on.</param>
/// <param name="Source">Where the package facts were read (said in both formats, e.g. the host's dpkg database).</param>
public sealed record SbomDocument(
    string Name,
    string Version,
    string Kind,
    DateTimeOffset Created,
    string ToolVersion,
    IReadOnlyList<SbomPackage> Packages,
    IReadOnlyList<string> DirectDependencies,
    string Source)
{
    /// <summary>The subject's own ref inside the document.</summary>
    public string SubjectRef => $"kubedos-subject:{Name}@{Version}";

    /// <summary>Refuses a document whose refs repeat or whose dependencies name a ref it does not hold.</summary>
    /// <exception cref="ArgumentException">Names the ref.</exception>
    internal void EnsureConsistent()
    {
        var refs = new HashSet<string>(StringComparer.Ordinal) { SubjectRef };
        foreach (var p in Packages)
        {
            if (!refs.Add(p.Ref))
            {
                throw new ArgumentException($"package ref '{p.Ref}' appears twice in the bill of materials for {Name}");
            }
        }

        foreach (var (from, to) in DirectDependencies.Select(d => (SubjectRef, d)).Concat(Packages.SelectMany(p => p.DependsOn.Select(d => (p.Ref, d)))))
        {
            if (!refs.Contains(to))
            {
                throw new ArgumentException($"'{from}' depends on '{to}', which the bill of materials for {Name} does not hold");
            }
        }
    }

    /// <summary>A UUID derived from the content (not the time), so the same bill gives the same serial number.</summary>
    internal Guid ContentId(string format)
    {
        var text = new System.Text.StringBuilder().Append(format).Append('\n').Append(Name).Append('@').Append(Version).Append('\n').Append(Source);
        foreach (var p in Packages)
        {
            text.Append('\n').Append(p.Ref).Append(' ').Append(p.Sha256).Append(' ').Append(p.Sha512).Append(' ').Append(string.Join(',', p.DependsOn));
        }

        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString()));
        var bytes = hash.AsSpan(0, 16).ToArray();
        // RFC 9562 version 8 (custom), variant 10: a valid UUID whose bits come from the hash.
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
