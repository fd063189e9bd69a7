using System.Net;
using System.Security.Cryptography.X509Certificates;
using Kubedos.Enrollment.Audit;
using Kubedos.Enrollment.Client;
using Kubedos.Enrollment.Revocation;
using Kubedos.Enrollment.Service;
using Kubedos.Enrollment.Tokens;
using Kubedos.Pki;
using Microsoft.Extensions.Time.Testing;

namespace Kubedos.Enrollment.Tests.Service;

/// <summary>A root, a cluster intermediate, and the enrollment service on 127.0.0.1 with an ephemeral port.</summary>
internal sealed class EnrollmentLab : IAsyncDisposable
{
    private EnrollmentLab(string directory, FakeTimeProvider time, ClusterAuthority authority, EnrollmentService service,
        JoinTokenStore tokens, RevocationList revocations, IssuanceLedger ledger, AuditLog audit)
    {
        Directory = directory;
        Time = time;
        Authority = authority;
        Service = service;
        Tokens = tokens;
        Revocations = revocations;
        Ledger = ledger;
        Audit = audit;
        Client = new EnrollmentClient(time);
    }

    public string Directory { get; }

    public FakeTimeProvider Time { get; }

    public ClusterAuthority Authority { get; }

    public EnrollmentService Service { get; }

    public JoinTokenStore Tokens { get; }

    public RevocationList Revocations { get; }

    public IssuanceLedger Ledger { get; }

    public AuditLog Audit { get; }

    public EnrollmentClient Client { get; }

    public string AuditPath => Audit.Path;

    /// <summary>Starts the lab; its audit log keeps a head signed by the intermediate's key, written through <paramref name="writer"/> when given.</summary>
    public static async Task<EnrollmentLab> StartAsync(IAuditFileWriter? writer = null)
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("kubedos-enroll-").FullName;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-1));
        using var rootKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        var root = CertificateIssuer.SelfSign(rootKey, CertificateProfile.Authority("Kubedos Test Root", 24 * 3650, 1), time.GetUtcNow());
        var (intermediate, intermediateKey) = ClusterAuthority.CreateIntermediate(root, rootKey, "test", 24 * 365, time.GetUtcNow());
        var authority = new ClusterAuthority(root, intermediate, intermediateKey);
        var inventory = new NodeInventory(new Dictionary<string, IReadOnlyList<IPAddress>>
        {
            ["node-1"] = [IPAddress.Loopback],
            ["node-2"] = [IPAddress.Loopback],
            ["node-3"] = [IPAddress.Parse("10.10.0.13")],
            ["node-4"] = [IPAddress.Parse("127.0.0.2")],
        });
        var tokens = JoinTokenStore.Open(Path.Combine(dir, "tokens.json"));
        var revocations = new RevocationList(Path.Combine(dir, "revoked.json"));
        var ledger = new IssuanceLedger(Path.Combine(dir, "issued.json"));
        var audit = writer is null
            ? AuditLog.Open(Path.Combine(dir, "audit.jsonl"), authority.Key, time)
            : AuditLog.Open(Path.Combine(dir, "audit.jsonl"), authority.Key, time, writer);
        var service = await EnrollmentService.StartAsync(
            new IPEndPoint(IPAddress.Loopback, 0), authority, inventory, tokens, revocations, ledger, audit,
            EnrollmentOptions.FromSpec(joinWindowMinutes: 30, nodeCertDays: 90), time, CancellationToken.None);
        return new EnrollmentLab(dir, time, authority, service, tokens, revocations, ledger, audit);
    }

    /// <summary>A fresh enrollment token for <paramref name="node"/>, bound to the lab's CA pin.</summary>
    public EnrollmentToken TokenFor(string node) => new(Tokens.Issue(node, Time.GetUtcNow()), Authority.CaPin);

    public Task<EnrolledIdentity> EnrollAsync(EnrollmentToken token, string node, PrivateKeyMaterial key) =>
        Client.EnrollAsync(Service.Address, token, node, IPAddress.Loopback, key, CancellationToken.None);

    public IReadOnlyList<AuditRecord> AuditRecords() => AuditLog.Read(AuditPath);

    public static X509Certificate2 WithKey(EnrolledIdentity identity, PrivateKeyMaterial key)
    {
        using var cert = X509Certificate2.CreateFromPem(identity.CertificatePem);
        using var withKey = key.AttachTo(cert);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        Authority.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
