using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Text.Json;
using Kubedos.Enrollment.Audit;
using Kubedos.Enrollment.Revocation;
using Kubedos.Enrollment.Tokens;
using Kubedos.Pki;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Kubedos.Enrollment.Service;

/// <summary>
/// The gated enrollment service: HTTPS (Kestrel) with a certificate from the cluster intermediate.
/// <c>POST /v1/enroll</c> admits a node with a join token; <c>POST /v1/renew</c> rotates an enrolled node's
/// certificate, authenticated by its current one.
/// </summary>
public sealed class EnrollmentService : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly WebApplication _app;
    private readonly ServerIdentity _identity;
    private readonly RefusalLog _refusals;

    private EnrollmentService(WebApplication app, ServerIdentity identity, RefusalLog refusals, Uri address, IReadOnlyList<string> auditRecovered)
    {
        AuditRecovered = auditRecovered;
        _app = app;
        _identity = identity;
        _refusals = refusals;
        Address = address;
    }

    /// <summary>What opening the audit log repaired (a torn final line cut off, a head re-anchored); also recorded in the log.</summary>
    public IReadOnlyList<string> AuditRecovered { get; }

    /// <summary>Where the service listens (the real port when 0 was asked for).</summary>
    public Uri Address { get; }

    /// <summary>Starts the service on <paramref name="endpoint"/> (port 0: any free port).</summary>
    public static async Task<EnrollmentService> StartAsync(
        IPEndPoint endpoint,
        ClusterAuthority authority,
        NodeInventory inventory,
        JoinTokenStore tokens,
        RevocationList revocations,
        IssuanceLedger ledger,
        AuditLog audit,
        EnrollmentOptions options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(audit);
        var refusals = new RefusalLog(audit, options.RefusalWindow, time);
        var gate = new EnrollmentGate(authority, inventory, tokens, revocations, ledger, audit, refusals, options, time);
        var identity = new ServerIdentity(authority, endpoint.Address, TimeSpan.FromDays(30), time);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = RequestLimits.BodyBytes;
            kestrel.Listen(endpoint, listen => listen.UseHttps(new TlsHandshakeCallbackOptions
            {
                OnConnection = _ => ValueTask.FromResult(new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = identity.Current(),
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    CipherSuitesPolicy = OperatingSystem.IsLinux() ? AeadOnly() : null,

                    // Renewal authenticates with the node certificate: ask for one, accept its absence,
                    // and let the gate judge it against the cluster CA and the revocation list. The handshake
                    // builds the client's chain too: offline, or a certificate naming a URL in its AIA makes us dial it.
                    ClientCertificateRequired = true,
                    CertificateChainPolicy = OfflineChainPolicy.Trusting(authority),
                    RemoteCertificateValidationCallback = (_, _, _, _) => true,
                }),
            }));
        });
        var app = builder.Build();
        app.MapPost("/v1/enroll", async context =>
        {
            var source = context.Connection.RemoteIpAddress;
            var (request, refusal) = await ReadAsync<EnrollmentRequest>(context, "an enrollment request");
            var response = request is null
                ? await gate.RefuseAsync("enroll", source, refusal!.Value.Reason, refusal.Value.Message)
                : await gate.EnrollAsync(request, source, CancellationToken.None);
            await WriteAsync(context, response);
        });
        app.MapPost("/v1/renew", async context =>
        {
            var source = context.Connection.RemoteIpAddress;
            var (request, refusal) = await ReadAsync<RenewalRequest>(context, "a renewal request");
            var client = await context.Connection.GetClientCertificateAsync(context.RequestAborted);
            var response = request is null
                ? await gate.RefuseAsync("renew", source, refusal!.Value.Reason, refusal.Value.Message)
                : await gate.RenewAsync(request, client, source, CancellationToken.None);
            await WriteAsync(context, response);
        });
        await app.StartAsync(cancellationToken);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EnrollmentService(app, identity, refusals, new Uri(bound), audit.Recovered);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _refusals.Dispose();
        _refusals.Flush(all: true);
        _identity.Dispose();
    }

    // TLS 1.2 only with ECDHE and AEAD (no CBC, no static RSA); TLS 1.3's suites are all AEAD. The service runs on
    // Linux nodes (OpenSSL); Windows' SChannel takes no per-connection suite list.
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static CipherSuitesPolicy AeadOnly() => new(
    [
        TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    ]);

    /// <summary>
    /// The body as <typeparamref name="T"/>, or why not: not <c>application/json</c> (415), announced or found larger than
    /// <see cref="RequestLimits.BodyBytes"/> (413, refused before it is read), or not such a request.
    /// </summary>
    private static async Task<(T? Request, (string Reason, string Message)? Refusal)> ReadAsync<T>(HttpContext context, string what)
        where T : class
    {
        var contentType = context.Request.ContentType;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || !string.Equals(media.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, (EnrollmentRejection.UnsupportedMediaType, $"the body must be application/json, not '{RequestLimits.Capped(contentType ?? "none")}'"));
        }

        if (context.Request.ContentLength > RequestLimits.BodyBytes)
        {
            return (null, (EnrollmentRejection.BodyTooLarge, $"the body announces {context.Request.ContentLength} bytes; the limit is {RequestLimits.BodyBytes}"));
        }

        try
        {
            var request = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, Json, context.RequestAborted);
            return request is null ? (null, (EnrollmentRejection.MalformedRequest, $"the body is not {what}")) : (request, null);
        }
        catch (JsonException)
        {
            return (null, (EnrollmentRejection.MalformedRequest, $"the body is not {what}"));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, (EnrollmentRejection.BodyTooLarge, $"the body is larger than the limit of {RequestLimits.BodyBytes} bytes"));
        }
    }

    private static async Task WriteAsync(HttpContext context, EnrollmentResponse response)
    {
        context.Response.StatusCode = response switch
        {
            { Admitted: true } => StatusCodes.Status200OK,
            { Reason: EnrollmentRejection.BodyTooLarge } => StatusCodes.Status413PayloadTooLarge,
            { Reason: EnrollmentRejection.UnsupportedMediaType } => StatusCodes.Status415UnsupportedMediaType,
            _ => StatusCodes.Status403Forbidden,
        };
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, response, Json, context.RequestAborted);
    }
}
