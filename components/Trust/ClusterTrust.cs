using System.Collections.Immutable;
using Kubedos.Engine.Model;
using Kubedos.Enrollment.Tokens;
using Kubedos.Providers.Random;
using Kubedos.Providers.Tls;
using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Trust;

/// <summary>
/// <c>kubedos:components:ClusterTrust</c>: the cluster PKI. From the operator's offline root and intermediate (or a
/// pinned CA) it issues every node an identity key and certificate (usages by role, SANs = node name and its plane
/// addresses), mints one join token per node bound to the CA pin, and writes the public certificates to
/// <c>out/&lt;stack&gt;/pki/</c>. The root key never enters the engine.
/// </summary>
/// <remarks>
/// Rotation: node certificates live <c>security.rotation.nodeCertDays</c> and enter the Tls provider's renewal window
/// in their last third, so the next up re-issues them while the old ones stay valid (the overlap).
/// </remarks>
internal sealed class ClusterTrust : ComponentResource
{
    public const string TypeToken = "kubedos:components:ClusterTrust";

    /// <summary>Builds the cluster PKI.</summary>
    /// <param name="name">Resource name (KubedosStack uses <c>trust</c>).</param>
    /// <param name="args">The normalised spec, the operator's material and the stack's output directory.</param>
    /// <param name="options">Parent and dependencies.</param>
    /// <exception cref="TrustBootstrapException">The bootstrap model cannot be met (names the spec field or config key).</exception>
    public ClusterTrust(string name, TrustArgs args, ResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var (cluster, material, outDirectory) = (args.Cluster, args.Material, args.OutDirectory);
        ArgumentException.ThrowIfNullOrEmpty(outDirectory);
        var security = cluster.Security;
        var child = StageOptions.ForChildren(this, options);

        if (security.Bootstrap.Model == BootstrapModel.ToFu && material.AllowToFu)
        {
            var minted = MintedAuthority.Create(cluster.Name, child);
            RootCertPem = minted.RootCertPem;
            IntermediateCertPem = minted.IntermediateCertPem;
            RootPin = minted.RootPin;
            CaPin = minted.CaPin;
            IntermediateKeyPem = minted.IntermediateKeyPem;
        }
        else
        {
            var anchor = TrustAnchor.Verify(security.Bootstrap, material);
            RootCertPem = Output.Create(anchor.RootCertPem);
            IntermediateCertPem = Output.Create(anchor.IntermediateCertPem);
            RootPin = Output.Create(anchor.RootPin);
            CaPin = Output.Create(anchor.CaPin);
            IntermediateKeyPem = material.IntermediateKeyPem();
        }

        var lifetime = CertificateLifetime.FromDays(security.Rotation.NodeCertDays);
        Nodes = cluster.Nodes.Select(n => Issue(n, lifetime, child, args.Machines?.GetValueOrDefault(n.Name))).ToImmutableArray();

        var pki = Path.Combine(outDirectory, "pki");
        var certificates = Output.All(Nodes.Select(n => n.CertificatePem.Apply(pem => (n.Node, pem))));
        PkiDirectory = Output.Tuple<string, string, ImmutableArray<(string Node, string Pem)>>(RootCertPem, IntermediateCertPem, certificates)
            .Apply(t => IsDryRun
                ? Task.FromResult(Path.GetFullPath(pki))
                : Trust.PkiDirectory.WriteAsync(pki, t.Item1, t.Item2, [.. t.Item3], CancellationToken.None));

        RegisterOutputs(new Dictionary<string, object?>
        {
            ["rootPin"] = RootPin,
            ["caPin"] = CaPin,
            ["pkiDirectory"] = PkiDirectory,
            ["nodeSerials"] = Nodes.ToDictionary(n => n.Node, n => (object?)n.SerialNumber, StringComparer.Ordinal),
        });
    }

    /// <summary>The root certificate, PEM.</summary>
    public Output<string> RootCertPem { get; }

    /// <summary>The cluster intermediate certificate, PEM (what signs node and service certificates).</summary>
    public Output<string> IntermediateCertPem { get; }

    /// <summary>The intermediate's key, a secret: the enrollment service on the first control plane signs with it.</summary>
    public Output<string> IntermediateKeyPem { get; }

    /// <summary>The root's SPKI pin (<c>sha256:&lt;hex&gt;</c>, what init-offline-root printed and caFingerprint names).</summary>
    public Output<string> RootPin { get; }

    /// <summary>The cluster CA (intermediate) pin that enrollment clients check the service against; in every enrollment token.</summary>
    public Output<string> CaPin { get; }

    /// <summary>Every node's identity and tokens, in spec order.</summary>
    public ImmutableArray<NodeIdentity> Nodes { get; }

    /// <summary>The absolute <c>out/&lt;stack&gt;/pki</c> once every certificate is written (unknown in preview).</summary>
    public Output<string> PkiDirectory { get; }

    /// <summary>The identity of <paramref name="node"/>.</summary>
    public NodeIdentity Node(string node) => Nodes.Single(n => n.Node == node);

    private NodeIdentity Issue(NormalisedNode node, CertificateLifetime lifetime, ResourceOptions child, Output<string>? machine)
    {
        var profile = NodeCertificateProfile.For(node);
        var key = new PrivateKey($"{node.Name}-identity", new PrivateKeyArgs(), child);
        var request = new CertRequest($"{node.Name}-identity", new CertRequestArgs
        {
            PrivateKeyPem = key.PrivateKeyPem,
            Subject = new SubjectArgs { CommonName = profile.CommonName, Organizations = [profile.Organization] },
            DnsNames = [.. profile.DnsNames.Select(d => (Input<string>)d)],
            IpAddresses = [.. profile.IpAddresses.Select(a => (Input<string>)a)],
        }, child);
        var certificate = new LocallySignedCert($"{node.Name}-identity", new LocallySignedCertArgs
        {
            CertRequestPem = request.CertRequestPem,
            CaCertPem = IntermediateCertPem,
            CaPrivateKeyPem = IntermediateKeyPem,
            ValidityPeriodHours = lifetime.ValidityHours,
            EarlyRenewalHours = lifetime.EarlyRenewalHours,
            AllowedUses = [.. profile.AllowedUses.Select(u => (Input<string>)u)],
        }, child);

        // A re-issued identity mints new tokens: the service's token store is re-seeded only when they change, so a
        // spent token is never handed back to it unspent.
        var keepers = new Dictionary<string, Input<string>>(StringComparer.Ordinal) { ["node"] = node.Name, ["identity"] = certificate.SerialNumber };
        if (machine is not null)
        {
            keepers["machine"] = machine;
        }

        var id = TokenPart($"{node.Name}-join-id", 6, keepers, child);
        var secret = TokenPart($"{node.Name}-join-secret", 16, keepers, child);
        var joinToken = Output.Format($"{id.Result}.{secret.Result}");
        var enrollmentToken = Output.Tuple<string, string>(joinToken, CaPin)
            .Apply(t => new EnrollmentToken(JoinToken.Parse(t.Item1), t.Item2).ToString());
        return new NodeIdentity(
            node.Name,
            node.Role,
            key.PrivateKeyPem,
            certificate.CertPem,
            certificate.SerialNumber,
            certificate.ValidityStartTime,
            certificate.RenewalDueTime,
            joinToken,
            enrollmentToken);
    }

    // kubeadm's token alphabet is lower-case letters and digits.
    private static RandomPassword TokenPart(string name, int length, Dictionary<string, Input<string>> keepers, ResourceOptions child) =>
        new(name, new RandomPasswordArgs { Length = length, Upper = false, Special = false, Keepers = keepers }, child);
}
