using System.Security.Cryptography.X509Certificates;
using Kubedos.Components.Trust;

namespace Kubedos.Infra.Tests.Components.Trust;

public sealed class ClusterTrustRotationTests
{
    [Fact]
    public async Task Up_InsideRenewalWindow_ReissuesEveryNodeWhileTheOldCertificateStillHolds()
    {
        var time = new SettableTime(TimeProvider.System.GetUtcNow());
        await using var stack = await TrustStackFixture.UpAsync(CancellationToken.None, time: time);
        var before = Certificates(stack);
        var lifetime = CertificateLifetime.FromDays(stack.Cluster.Security.Rotation.NodeCertDays);

        time.Now += TimeSpan.FromHours(lifetime.ValidityHours - lifetime.EarlyRenewalHours - 1);
        await stack.UpAgainAsync(CancellationToken.None);
        Assert.Equal(before.Select(c => c.Serial), Certificates(stack).Select(c => c.Serial));

        time.Now += TimeSpan.FromHours(2);
        await stack.UpAgainAsync(CancellationToken.None);
        var after = Certificates(stack);

        foreach (var (old, renewed) in before.Zip(after))
        {
            Assert.NotEqual(old.Serial, renewed.Serial);
            Assert.True(old.NotAfter > time.Now, "the old certificate must still be valid when its successor is issued (overlap)");
            Assert.Equal(time.Now.ToUnixTimeSeconds(), renewed.NotBefore.ToUnixTimeSeconds());
        }
    }

    private static List<(string Serial, DateTimeOffset NotBefore, DateTimeOffset NotAfter)> Certificates(TrustStackFixture stack) =>
        [.. stack.Cluster.Nodes.Select(n =>
        {
            using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(stack.PkiDir, PkiDirectory.NodesFolder, $"{n.Name}.pem")));
            return (certificate.SerialNumber, new DateTimeOffset(certificate.NotBefore.ToUniversalTime()), new DateTimeOffset(certificate.NotAfter.ToUniversalTime()));
        })];

    private sealed class SettableTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
