using System.Net;
using System.Net.Security;
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

    private EnrollmentService(WebApplication app, ServerIdentity identity, Uri address)
    {
        _app = app;
        _identity = identity;
        Address = address;
    }

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
        var gate = new EnrollmentGate(authority, inventory, tokens, revocations, ledger, audit, options, time);
        var identity = new ServerIdentity(authority, endpoint.Address, TimeSpan.FromDays(30), time);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(endpoint, listen => listen.UseHttps(new TlsHandshakeCallbackOptions
            {
                OnConnection = _ => ValueTask.FromResult(new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = identity.Current(),

                    // Renewal authenticates with the node certificate: ask for one, accept its absence,
                    // and let the gate judge it against the cluster CA and the revocation list.
                    ClientCertificateRequired = true,
                    RemoteCertificateValidationCallback = (_, _, _, _) => true,
                }),
            }));
        });
        var app = builder.Build();
        app.MapPost("/v1/enroll", async context =>
        {
            var request = await ReadAsync<EnrollmentRequest>(context);
            var response = request is null
                ? new EnrollmentResponse(false, EnrollmentRejection.MalformedRequest, "the body is not an enrollment request")
                : await gate.EnrollAsync(request, context.Connection.RemoteIpAddress, context.RequestAborted);
            await WriteAsync(context, response);
        });
        app.MapPost("/v1/renew", async context =>
        {
            var request = await ReadAsync<RenewalRequest>(context);
            var client = await context.Connection.GetClientCertificateAsync(context.RequestAborted);
            var response = request is null
                ? new EnrollmentResponse(false, EnrollmentRejection.MalformedRequest, "the body is not a renewal request")
                : await gate.RenewAsync(request, client, context.Connection.RemoteIpAddress, context.RequestAborted);
            await WriteAsync(context, response);
        });
        await app.StartAsync(cancellationToken);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EnrollmentService(app, identity, new Uri(bound));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _identity.Dispose();
    }

    private static async Task<T?> ReadAsync<T>(HttpContext context)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(context.Request.Body, Json, context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task WriteAsync(HttpContext context, EnrollmentResponse response)
    {
        context.Response.StatusCode = response.Admitted ? StatusCodes.Status200OK : StatusCodes.Status403Forbidden;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, response, Json, context.RequestAborted);
    }
}
