using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Kubedos.Enrollment.Audit;
using Kubedos.Enrollment.Client;
using Kubedos.Enrollment.Service;
using Kubedos.Pki;
using Kubedos.Testing;

namespace Kubedos.Enrollment.Tests.Service;

/// <summary>The enrollment service against a client that means harm, in process on loopback.</summary>
public sealed class HostileClientTests
{
    [Fact]
    public async Task Renew_ClientCertificateNamingUrls_NoConnectionToThemAndLoggedUnauthenticated()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        using var recorder = new ConnectionRecorder();
        using var client = ForeignCertificates.NamingUrls("node-1", recorder.Url);
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        var csr = CertificateIssuer.CreateSigningRequestPem(key, CertificateProfile.Leaf("node-1", 1));

        var renew = await Assert.ThrowsAsync<EnrollmentRefusedException>(() => lab.Client.PostAsync(
            lab.Service.Address, "v1/renew", new RenewalRequest(csr), lab.Authority.CaPin, client, CancellationToken.None));
        var enroll = await Assert.ThrowsAsync<EnrollmentRefusedException>(() => lab.Client.PostAsync(
            lab.Service.Address, "v1/enroll", new EnrollmentRequest("node-1", "127.0.0.1", null, null, csr), lab.Authority.CaPin, client, CancellationToken.None));

        Assert.Equal(EnrollmentRejection.UntrustedClientCertificate, renew.Reason);
        Assert.Equal(EnrollmentRejection.MissingToken, enroll.Reason);
        Assert.Equal(0, recorder.Connections);
        var refused = lab.AuditRecords().Single(r => r.Reason == EnrollmentRejection.UntrustedClientCertificate);
        Assert.Equal(string.Empty, refused.Node);
        Assert.Equal("unauthenticated", refused.Details["identity"]);
        Assert.Equal("node-1", refused.Details["claimedNode"]);
    }

    [Fact]
    public async Task Enroll_HugeContentLength_413BeforeTheBodyIsSent()
    {
        await using var lab = await EnrollmentLab.StartAsync();

        var status = await RawPostAsync(lab, "application/json", contentLength: 1_000_000_000, body: "{");

        Assert.StartsWith("HTTP/1.1 413", status, StringComparison.Ordinal);
        var record = lab.AuditRecords()[^1];
        Assert.Equal(("reject", EnrollmentRejection.BodyTooLarge), (record.Decision, record.Reason));
    }

    [Fact]
    public async Task Enroll_ChunkedBodyOverTheLimit_413()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        using var http = Http(lab);
        var body = "{\"node\":\"" + new string('a', RequestLimits.BodyBytes) + "\"}";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        content.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/enroll") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Enroll_NotJson_415AndLogged()
    {
        await using var lab = await EnrollmentLab.StartAsync();

        var status = await RawPostAsync(lab, "text/plain", contentLength: 2, body: "{}");

        Assert.StartsWith("HTTP/1.1 415", status, StringComparison.Ordinal);
        Assert.Equal(EnrollmentRejection.UnsupportedMediaType, lab.AuditRecords()[^1].Reason);
    }

    [Fact]
    public async Task Enroll_UnparseableBody_RefusedAndLogged()
    {
        await using var lab = await EnrollmentLab.StartAsync();

        var status = await RawPostAsync(lab, "application/json", contentLength: 5, body: "<<<<<");

        Assert.StartsWith("HTTP/1.1 403", status, StringComparison.Ordinal);
        var record = lab.AuditRecords()[^1];
        Assert.Equal(("reject", EnrollmentRejection.MalformedRequest), (record.Decision, record.Reason));
    }

    [Fact]
    public async Task Enroll_OversizedFields_RefusedBeforeLoggingAndLoggedCapped()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        var csr = CertificateIssuer.CreateSigningRequestPem(key, CertificateProfile.Leaf("node-1", 1));
        var huge = new string('<', 2_000);

        var error = await Assert.ThrowsAsync<EnrollmentRefusedException>(() => lab.Client.PostAsync(
            lab.Service.Address, "v1/enroll", new EnrollmentRequest(huge, huge, huge, huge, csr), lab.Authority.CaPin, null, CancellationToken.None));

        Assert.Equal(EnrollmentRejection.MalformedRequest, error.Reason);
        Assert.Contains("DNS label", error.Message, StringComparison.Ordinal);
        Assert.True(new FileInfo(lab.AuditPath).Length < 4_000, $"the audit log grew to {new FileInfo(lab.AuditPath).Length} bytes");
    }

    [Fact]
    public async Task Enroll_RepeatedRefusalsFromOneSource_OneEntryThenOneCount()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<EnrollmentRefusedException>(() => lab.EnrollAsync(lab.TokenFor("ghost"), "ghost", key));
        }

        Assert.Single(lab.AuditRecords());
        lab.Time.Advance(TimeSpan.FromMinutes(1));
        await lab.EnrollAsync(lab.TokenFor("node-1"), "node-1", key);

        var records = lab.AuditRecords();
        Assert.Equal(
            [("reject", EnrollmentRejection.UndeclaredNode, null), ("reject", EnrollmentRejection.UndeclaredNode, "4"), ("admit", "admitted", null)],
            records.Select(r => (r.Decision, r.Reason, r.Details.GetValueOrDefault("repeated"))));
        Assert.Contains("4 more refusals from 127.0.0.1 for undeclared-node", records[1].Details["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enroll_AuditWriteCutShortMidLine_LogVerifiesAndReopensAndTheNextDecisionIsLogged()
    {
        var writer = new FailingOnce();
        await using var lab = await EnrollmentLab.StartAsync(writer);
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);

        var cut = await Assert.ThrowsAsync<HttpRequestException>(() => lab.EnrollAsync(lab.TokenFor("ghost"), "ghost", key));
        Assert.Equal(HttpStatusCode.InternalServerError, cut.StatusCode);
        Assert.True(AuditLog.Verify(lab.AuditPath, caPin: lab.Authority.CaPin).IsAnchored);

        await lab.EnrollAsync(lab.TokenFor("node-1"), "node-1", key);

        var verification = AuditLog.Verify(lab.AuditPath, caPin: lab.Authority.CaPin);
        Assert.True(verification.IsAnchored, verification.Problem);
        var record = Assert.Single(lab.AuditRecords());
        Assert.Equal((1, "admit"), (verification.Entries, record.Decision));
        Assert.Empty(AuditLog.Open(lab.AuditPath, lab.Authority.Key).Recovered);
    }

    [Theory]
    [InlineData(TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, false)]
    [InlineData(TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, false)]
    [InlineData(TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, true)]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Handshake_Tls12Suite_OnlyAeadAccepted(TlsCipherSuite suite, bool accepted)
    {
        await using var lab = await EnrollmentLab.StartAsync();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, lab.Service.Address.Port);
        await using var tls = new SslStream(tcp.GetStream());
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = "127.0.0.1",
            EnabledSslProtocols = SslProtocols.Tls12,
            CipherSuitesPolicy = new CipherSuitesPolicy([suite]),
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        };

        var handshake = await Record.ExceptionAsync(() => tls.AuthenticateAsClientAsync(options));

        Assert.Equal(accepted, handshake is null);
    }

    private static HttpClient Http(EnrollmentLab lab) =>
        new(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } }) { BaseAddress = lab.Service.Address };

    // Headers that announce contentLength bytes, then only body: the answer must come without the rest being sent.
    private static async Task<string> RawPostAsync(EnrollmentLab lab, string contentType, long contentLength, string body)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, lab.Service.Address.Port);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync("127.0.0.1");
        var head = $"POST /v1/enroll HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {contentType}\r\nContent-Length: {contentLength}\r\n\r\n{body}";
        await tls.WriteAsync(Encoding.ASCII.GetBytes(head));
        await tls.FlushAsync();
        using var reader = new StreamReader(tls, Encoding.ASCII);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await reader.ReadLineAsync(guard.Token) ?? string.Empty;
    }

    /// <summary>Writes half of the first line it is given and fails as a disconnect would; writes every later line whole.</summary>
    private sealed class FailingOnce : IAuditFileWriter
    {
        private int _calls;

        public void Write(FileStream file, ReadOnlySpan<byte> line)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                file.Write(line[..(line.Length / 2)]);
                file.Flush(flushToDisk: true);
                throw new OperationCanceledException("the client went away mid-write");
            }

            file.Write(line);
            file.Flush(flushToDisk: true);
        }
    }

    /// <summary>A loopback listener that counts connections and never answers (a fetch to it would stall).</summary>
    private sealed class ConnectionRecorder : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> _held = [];
        private int _connections;

        public ConnectionRecorder()
        {
            _listener.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";
            _ = AcceptAsync();
        }

        public string Url { get; }

        public int Connections => Volatile.Read(ref _connections);

        public void Dispose()
        {
            _listener.Stop();
            foreach (var client in _held)
            {
                client.Dispose();
            }
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync();
                    Interlocked.Increment(ref _connections);
                    lock (_held)
                    {
                        _held.Add(client);
                    }
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }
    }
}
