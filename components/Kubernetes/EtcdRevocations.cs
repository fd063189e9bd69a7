using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kubedos.Enrollment.Revocation;

namespace Kubedos.Components.Kubernetes;

/// <summary>
/// <c>out/&lt;stack&gt;/pki/etcd/revocations.json</c>: the etcd certificates revoked, by serial (a compromised control
/// plane's server, peer and API-server client pairs; <c>kubedos node revoke</c> and the compromised-node runbook write
/// it). The next up signs them into the etcd CA's revocation list (<see cref="EtcdPki.CrlPem"/>), which every member
/// checks at each TLS handshake on its client and peer ports (<c>--client-crl-file</c>, <c>--peer-crl-file</c>).
/// </summary>
internal static class EtcdRevocations
{
    /// <summary>The file's name under <c>pki/etcd/</c>.</summary>
    public const string FileName = "revocations.json";

    /// <summary>The certificates of a member that are revoked with it, by their names under <c>pki/etcd/</c>.</summary>
    private static readonly string[] MemberFiles = ["server", "peer", "apiserver-etcd-client"];

    /// <summary>Where the stack whose files live in <paramref name="outDirectory"/> keeps the list.</summary>
    public static string PathOf(string outDirectory) => Path.Combine(DirectoryOf(outDirectory), FileName);

    /// <summary>Every revoked etcd certificate (none when there is no file).</summary>
    /// <exception cref="EnrollmentStateFileException">The file is not the JSON list it must be; names it and the line.</exception>
    public static IReadOnlyList<RevokedCertificate> Read(string outDirectory) => new RevocationList(PathOf(outDirectory)).Entries;

    /// <summary>
    /// Revokes the etcd certificates <paramref name="node"/> holds now (those in <c>pki/etcd/</c>); returns those newly
    /// revoked, none when the node has no etcd member (a worker, or a cluster without Kubernetes) or was revoked already.
    /// </summary>
    /// <exception cref="EnrollmentStateFileException">The list or one of the node's certificates is not readable.</exception>
    public static IReadOnlyList<RevokedCertificate> Revoke(string outDirectory, string node, string reason, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        var directory = DirectoryOf(outDirectory);
        var serials = new List<string>();
        foreach (var path in MemberFiles.Select(f => Path.Combine(directory, $"{node}-{f}.pem")).Where(File.Exists))
        {
            try
            {
                using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(path));
                serials.Add(certificate.SerialNumber.ToLowerInvariant());
            }
            catch (CryptographicException e)
            {
                throw new EnrollmentStateFileException(path, $"not a PEM certificate ({e.Message}); the next up writes it again", e);
            }
        }

        return serials.Count == 0
            ? []
            : new RevocationList(PathOf(outDirectory)).Revoke(serials.Select(s => new RevokedCertificate(s, node, at, reason)));
    }

    // out/<stack>/pki/etcd/, where EtcdPki writes the public certificates.
    private static string DirectoryOf(string outDirectory) => Path.Combine(outDirectory, "pki", EtcdPki.Folder);
}
