using System.Security.Cryptography.X509Certificates;
using Kubedos.Components.Trust;
using Kubedos.Enrollment.Tokens;
using Kubedos.Spec.Model;
using Kubedos.Testing;

namespace Kubedos.Infra.Tests.Components.Trust;

public sealed class ClusterTrustTests
{
    [LabFact("openssl")]
    public async Task Up_OfflineCa_EveryNodeCertificateVerifiesAgainstTheRootWithOpenssl()
    {
        await using var stack = await TrustStackFixture.UpAsync(CancellationToken.None);

        var root = Path.Combine(stack.PkiDir, PkiDirectory.RootFile);
        var intermediate = Path.Combine(stack.PkiDir, PkiDirectory.IntermediateFile);
        Assert.Equal(File.ReadAllText(Path.Combine(stack.OfflineDir, "root-ca.pem")), File.ReadAllText(root));
        foreach (var node in stack.Cluster.Nodes)
        {
            var pem = Path.Combine(stack.PkiDir, PkiDirectory.NodesFolder, $"{node.Name}.pem");
            var output = stack.Run("openssl", "verify", "-CAfile", root, "-untrusted", intermediate, pem);
            Assert.Contains($"{pem}: OK", output, StringComparison.Ordinal);
        }

        Assert.Equal(stack.Cluster.Nodes.Count, Directory.GetFiles(Path.Combine(stack.PkiDir, PkiDirectory.NodesFolder)).Length);
    }

    [Fact]
    public async Task Up_OfflineCa_UsagesAndSansFollowRoleAndPlaneAddresses()
    {
        await using var stack = await TrustStackFixture.UpAsync(CancellationToken.None);

        foreach (var node in stack.Cluster.Nodes)
        {
            using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(stack.PkiDir, PkiDirectory.NodesFolder, $"{node.Name}.pem")));
            var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
            Assert.Equal([node.Name], san.EnumerateDnsNames());
            Assert.Equal(
                node.PlaneAddresses.Values.Select(a => a.ToString()).Order(StringComparer.Ordinal),
                san.EnumerateIPAddresses().Select(a => a.ToString()).Order(StringComparer.Ordinal));
            var eku = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value).ToList();
            Assert.Contains("1.3.6.1.5.5.7.3.2", eku);
            Assert.Equal(node.Role == NodeRole.ControlPlane, eku.Contains("1.3.6.1.5.5.7.3.1"));
            var usage = certificate.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages;
            Assert.True(usage.HasFlag(X509KeyUsageFlags.DigitalSignature));
            Assert.False(usage.HasFlag(X509KeyUsageFlags.KeyCertSign));
            Assert.Contains($"O=kubedos:{(node.Role == NodeRole.ControlPlane ? "control-plane" : "worker")}", certificate.Subject, StringComparison.Ordinal);
            var days = (certificate.NotAfter - certificate.NotBefore).TotalDays;
            Assert.InRange(days, stack.Cluster.Security.Rotation.NodeCertDays - 1, stack.Cluster.Security.Rotation.NodeCertDays + 1);
        }
    }

    [Fact]
    public async Task Up_OfflineCa_TokensAreKubeadmFormatAndBoundToTheCaPin()
    {
        await using var stack = await TrustStackFixture.UpAsync(CancellationToken.None);

        var caPin = SpkiPinOfIntermediate(stack);
        var enrollment = stack.Secrets.Where(s => s.StartsWith("kubedos1:", StringComparison.Ordinal)).ToList();
        Assert.Equal(stack.Cluster.Nodes.Count, enrollment.Count);
        foreach (var text in enrollment)
        {
            var token = EnrollmentToken.Parse(text);
            Assert.Equal(caPin, token.CaPin);
            Assert.Matches("^[a-z0-9]{6}\\.[a-z0-9]{16}$", token.Token.ToString());
        }

        Assert.Equal(enrollment.Count, enrollment.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Up_OfflineCa_NoSecretInClearInStateOutOrEvents()
    {
        await using var stack = await TrustStackFixture.UpAsync(CancellationToken.None);

        var secrets = stack.Secrets.SelectMany(Needles).Distinct(StringComparer.Ordinal).ToList();
        Assert.True(secrets.Count > stack.Cluster.Nodes.Count * 3, "the program saw too few secrets to make the check meaningful");
        var haystacks = Directory.EnumerateFiles(stack.ProjectDir, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".yaml", StringComparison.Ordinal) || f.Contains(".kubedos", StringComparison.Ordinal))
            .Select(f => (f, File.ReadAllText(f)))
            .Append(("--json events", string.Join("\n", stack.EventLines)))
            .ToList();
        Assert.Contains(haystacks, h => h.Item1.Contains(Path.Combine(".kubedos", "stacks"), StringComparison.Ordinal));
        foreach (var (name, text) in haystacks)
        {
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"a secret ({secret[..Math.Min(8, secret.Length)]}...) is in clear in {name}");
            }
        }
    }

    private static string SpkiPinOfIntermediate(TrustStackFixture stack)
    {
        using var intermediate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(stack.PkiDir, PkiDirectory.IntermediateFile)));
        return Kubedos.Pki.SpkiPin.Of(intermediate);
    }

    // A PEM is searched by each base64 line of its body, so a re-wrapped or partly quoted key is still found.
    private static IEnumerable<string> Needles(string secret)
    {
        if (!secret.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            yield return secret;

            // The token id is public (kubeadm prints it); the 16-character secret part is not.
            foreach (var part in secret.Split(':', '.').Where(p => p.Length >= 16))
            {
                // The CA pin (64 hex digits) is public.
                if (part.Length != 64)
                {
                    yield return part;
                }
            }

            yield break;
        }

        foreach (var line in secret.Split('\n').Select(l => l.Trim()).Where(l => l.Length >= 32 && !l.StartsWith("-----", StringComparison.Ordinal)))
        {
            yield return line;
        }
    }
}
