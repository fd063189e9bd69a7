using System.Collections.Immutable;
using System.Security.Cryptography.X509Certificates;
using Kubedos.Engine.Model;
using Kubedos.Pki;
using Kubedos.Providers.Tls;

namespace Kubedos.Components.Kubernetes;

/// <summary>
/// <c>kubedos:components:EtcdPki</c>, a child of the Trust stage: a dedicated etcd CA signed by the cluster intermediate, and
/// beneath it what kubeadm lays out (<c>etcd/ca</c>, per member <c>etcd/server</c> and <c>etcd/peer</c>, one
/// <c>etcd/healthcheck-client</c>, per control-plane node <c>apiserver-etcd-client</c>), and the etcd CA's revocation list
/// (<see cref="EtcdRevocations"/>). Every key is a secret output; the certificates and the list go to <c>out/&lt;stack&gt;/pki/etcd/</c>.
/// </summary>
/// <remarks>
/// etcd trusts only the etcd CA (<c>--trusted-ca-file</c>, <c>--peer-trusted-ca-file</c>), so a certificate the cluster
/// intermediate issued for anything else (a node identity) is refused by etcd like one from a foreign CA.
/// Leaves live <c>security.rotation.nodeCertDays</c> and renew in their last third; the CA lives a year (or what is left
/// of the intermediate) and, when it renews, every leaf is re-issued with it.
/// </remarks>
internal sealed class EtcdPki : ComponentResource
{
    public const string TypeToken = "kubedos:components:EtcdPki";

    /// <summary>Where the public certificates go, under <c>out/&lt;stack&gt;/pki/</c>.</summary>
    public const string Folder = "etcd";

    private const int CaHours = 365 * 24;

    /// <summary>Issues the etcd PKI for <see cref="EtcdPkiArgs.Membership"/>.</summary>
    /// <param name="name">Resource name (KubedosStack uses <c>etcd-pki</c>, parented by the Trust stage).</param>
    /// <param name="args">Membership, the intermediate that signs the etcd CA, leaf lifetime, <c>out/&lt;stack&gt;</c>.</param>
    /// <param name="options">Parent and dependencies.</param>
    public EtcdPki(string name, EtcdPkiArgs args, ResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentOutOfRangeException.ThrowIfLessThan(args.LeafDays, 1);
        var (membership, intermediateCertPem, intermediateKeyPem, leafDays, outDirectory) = (args.Membership, args.IntermediateCertPem, args.IntermediateKeyPem, args.LeafDays, args.OutDirectory);
        var child = new ResourceOptions { Parent = this, DependsOn = options?.DependsOn ?? [] };
        Membership = membership;

        // A CA cannot outlive the intermediate that signs it, nor a leaf its CA.
        var caHours = intermediateCertPem.Apply(pem => Math.Min(CaHours, HoursLeft(pem)));
        var caKey = new PrivateKey("etcd-ca", new PrivateKeyArgs(), child);
        var caRequest = new CertRequest("etcd-ca", new CertRequestArgs
        {
            PrivateKeyPem = caKey.PrivateKeyPem,
            Subject = new SubjectArgs { CommonName = "etcd-ca", Organizations = ["kubedos"] },
        }, child);
        var ca = new LocallySignedCert("etcd-ca", new LocallySignedCertArgs
        {
            CertRequestPem = caRequest.CertRequestPem,
            CaCertPem = intermediateCertPem,
            CaPrivateKeyPem = intermediateKeyPem,
            ValidityPeriodHours = caHours,
            EarlyRenewalHours = caHours.Apply(h => h / 3),
            IsCaCertificate = true,
            MaxPathLength = 0,
            AllowedUses = [CertificateUses.CertSigning, CertificateUses.CrlSigning, CertificateUses.DigitalSignature],
        }, child);
        CaCertPem = ca.CertPem;

        var leafHours = caHours.Apply(h => Math.Min(leafDays * 24, h));
        EtcdKeyPair Issue(string resource, EtcdCertificateProfile profile)
        {
            var key = new PrivateKey(resource, new PrivateKeyArgs(), child);
            var request = new CertRequest(resource, new CertRequestArgs
            {
                PrivateKeyPem = key.PrivateKeyPem,
                Subject = new SubjectArgs { CommonName = profile.CommonName, Organizations = ["kubedos"] },
                DnsNames = [.. profile.DnsNames.Select(d => (Input<string>)d)],
                IpAddresses = [.. profile.IpAddresses.Select(a => (Input<string>)a)],
            }, child);
            var certificate = new LocallySignedCert(resource, new LocallySignedCertArgs
            {
                CertRequestPem = request.CertRequestPem,
                CaCertPem = ca.CertPem,
                CaPrivateKeyPem = caKey.PrivateKeyPem,
                ValidityPeriodHours = leafHours,
                EarlyRenewalHours = leafHours.Apply(h => h / 3),
                AllowedUses = [.. profile.AllowedUses.Select(u => (Input<string>)u)],
            }, child);
            return new EtcdKeyPair(profile.File, certificate.CertPem, key.PrivateKeyPem);
        }

        Members = [.. membership.Members.Select(m => new EtcdMemberCredentials(
            m,
            Issue($"{m.Name}-etcd-server", EtcdCertificateProfile.Server(m)),
            Issue($"{m.Name}-etcd-peer", EtcdCertificateProfile.Peer(m)),
            Issue($"{m.Name}-apiserver-etcd-client", EtcdCertificateProfile.ApiserverClient)))];
        HealthcheckClient = Issue("etcd-healthcheck-client", EtcdCertificateProfile.HealthcheckClient);

        // What `kubedos node revoke` and the compromised-node runbook revoked, signed by the etcd CA; read by every member
        // at each handshake, so a new list needs no restart. It is issued again well before its nextUpdate.
        var revoked = EtcdRevocations.Read(outDirectory);
        var crl = new RevocationList("etcd-crl", new RevocationListArgs
        {
            CaCertPem = ca.CertPem,
            CaPrivateKeyPem = caKey.PrivateKeyPem,
            Revoked = [.. revoked.Select(r => new RevokedCertificateArgs { Serial = r.Serial, RevokedAt = r.RevokedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture) })],
            ValidityPeriodHours = leafDays * 24,
            EarlyRenewalHours = leafDays * 24 / 3,
        }, child);
        CrlPem = crl.CrlPem;

        var files = new List<Output<(string File, string Pem)>>
        {
            CaCertPem.Apply(pem => ("ca.pem", pem)),
            HealthcheckClient.CertificatePem.Apply(pem => ("healthcheck-client.pem", pem)),
            CrlPem.Apply(pem => (CrlFile, pem)),
        };
        foreach (var m in Members)
        {
            foreach (var pair in new[] { m.Server, m.Peer, m.ApiserverClient })
            {
                var file = $"{m.Member.Name}-{Path.GetFileName(pair.File)}.pem";
                files.Add(pair.CertificatePem.Apply(pem => (file, pem)));
            }
        }

        var publicCertificates = Output.All(files);
        var directory = Path.Combine(outDirectory, "pki", Folder);
        PublicDirectory = publicCertificates.Apply(files => IsDryRun
            ? Task.FromResult(Path.GetFullPath(directory))
            : EtcdPkiDirectory.WriteAsync(directory, [.. files], CancellationToken.None));
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["caPin"] = ca.PublicKeyPin,
            ["members"] = membership.Members.Select(m => m.Name).ToList(),
            ["revoked"] = revoked.Select(r => r.Serial).ToList(),
            ["directory"] = PublicDirectory,
        });
    }

    /// <summary>The revocation list's file name under <c>out/&lt;stack&gt;/pki/etcd/</c>.</summary>
    public const string CrlFile = "crl.pem";

    /// <summary>The members this PKI serves.</summary>
    public EtcdMembership Membership { get; }

    /// <summary>The etcd CA certificate, PEM: the only CA etcd trusts.</summary>
    public Output<string> CaCertPem { get; }

    /// <summary>The etcd CA's revocation list, PEM (<see cref="EtcdRevocations"/>); empty of entries until something is revoked.</summary>
    public Output<string> CrlPem { get; }

    /// <summary>Per member: server, peer and API-server client pairs.</summary>
    public ImmutableArray<EtcdMemberCredentials> Members { get; }

    /// <summary>The health-check client pair (kubeadm's <c>etcd/healthcheck-client</c>).</summary>
    public EtcdKeyPair HealthcheckClient { get; }

    /// <summary>The absolute <c>out/&lt;stack&gt;/pki/etcd</c> once the certificates are written (unknown in preview).</summary>
    public Output<string> PublicDirectory { get; }

    /// <summary>The credentials of the member on <paramref name="node"/>.</summary>
    public EtcdMemberCredentials Member(string node) => Members.Single(m => m.Member.Name == node);

    private static int HoursLeft(string pem)
    {
        using var certificate = X509Certificate2.CreateFromPem(pem);
        return (int)Math.Floor((new DateTimeOffset(certificate.NotAfter.ToUniversalTime()) - DateTimeOffset.UtcNow).TotalHours);
    }
}
