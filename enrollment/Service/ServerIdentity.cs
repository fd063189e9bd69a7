using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Kubedos.Pki;

namespace Kubedos.Enrollment.Service;

/// <summary>
/// The service's own TLS certificate, re-issued from the intermediate once half its life has passed,
/// so a long-running service never presents an expired certificate.
/// </summary>
internal sealed class ServerIdentity(ClusterAuthority authority, IPAddress address, TimeSpan lifetime, TimeProvider time) : IDisposable
{
    private readonly Lock _lock = new();
    private X509Certificate2? _certificate;
    private SslStreamCertificateContext? _context;

    /// <summary>The certificate context to present now.</summary>
    public SslStreamCertificateContext Current()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_certificate is null || RenewalWindow.IsDue(new DateTimeOffset(_certificate.NotAfter.ToUniversalTime()), lifetime / 2, now))
            {
                var next = authority.IssueServer("kubedos-enrollment", [address], lifetime, now);
                _certificate?.Dispose();
                _certificate = next;
                _context = SslStreamCertificateContext.Create(next, [authority.Intermediate, authority.Root], offline: true);
            }

            return _context!;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _certificate?.Dispose();
}
