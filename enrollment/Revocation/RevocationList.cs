namespace Kubedos.Enrollment.Revocation;

/// <summary>The cluster's revoked node certificates, a JSON file the enrollment service consults on every request.</summary>
/// <remarks>Re-read from disk on each check, so a revocation made by <c>kubedos node revoke</c> applies at once.</remarks>
public sealed class RevocationList
{
    private readonly string _path;
    private readonly Lock _lock = new();

    public RevocationList(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
    }

    /// <summary>Every revoked certificate.</summary>
    public IReadOnlyList<RevokedCertificate> Entries
    {
        get
        {
            lock (_lock)
            {
                return JsonFile.ReadList<RevokedCertificate>(_path);
            }
        }
    }

    /// <summary>True when the serial is revoked.</summary>
    public bool IsRevoked(string serial) =>
        Entries.Any(e => string.Equals(e.Serial, serial, StringComparison.OrdinalIgnoreCase));

    /// <summary>The latest revocation of any certificate of <paramref name="node"/>, or null.</summary>
    public DateTimeOffset? LastRevocationOf(string node) =>
        Entries.Where(e => e.Node == node).Select(e => (DateTimeOffset?)e.RevokedAt).Max();

    /// <summary>Adds the certificates (already revoked ones are kept as they were); returns those newly revoked.</summary>
    public IReadOnlyList<RevokedCertificate> Revoke(IEnumerable<RevokedCertificate> certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        lock (_lock)
        {
            var entries = JsonFile.ReadList<RevokedCertificate>(_path);
            var added = certificates
                .Where(c => !entries.Any(e => string.Equals(e.Serial, c.Serial, StringComparison.OrdinalIgnoreCase)))
                .ToList();
            if (added.Count > 0)
            {
                JsonFile.WriteList(_path, [.. entries, .. added]);
            }

            return added;
        }
    }
}
