namespace Kubedos.Enrollment.Revocation;

/// <summary>Which certificates were issued to which node: what revocation by node name works from.</summary>
public sealed class IssuanceLedger
{
    private readonly string _path;
    private readonly Lock _lock = new();

    public IssuanceLedger(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
    }

    /// <summary>Records an issued certificate.</summary>
    public void Record(IssuedCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        lock (_lock)
        {
            JsonFile.WriteList(_path, [.. JsonFile.ReadList<IssuedCertificate>(_path), certificate]);
        }
    }

    /// <summary>Every certificate issued to <paramref name="node"/>, oldest first.</summary>
    public IReadOnlyList<IssuedCertificate> Of(string node)
    {
        lock (_lock)
        {
            return [.. JsonFile.ReadList<IssuedCertificate>(_path).Where(c => c.Node == node).OrderBy(c => c.NotBefore)];
        }
    }
}
