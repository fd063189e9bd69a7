using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Kubedos.Enrollment.Service;
using Kubedos.Enrollment.Tokens;
using Kubedos.Pki;

namespace Kubedos.Enrollment.Client;

/// <summary>
/// The node side of enrollment: verifies the service against the CA pin during the TLS handshake, so
/// nothing (not even the token proof) is sent to a server that is not the cluster's.
/// </summary>
public sealed class EnrollmentClient(TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Enrolls <paramref name="node"/> with a CSR for <paramref name="key"/>.</summary>
    /// <exception cref="EnrollmentRefusedException">The service refused (with its reason) or the client refused the service.</exception>
    public async Task<EnrolledIdentity> EnrollAsync(
        Uri service, EnrollmentToken token, string node, IPAddress address, PrivateKeyMaterial key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(key);
        var csr = CertificateIssuer.CreateSigningRequestPem(key, CertificateProfile.Leaf(node, 1));
        var proof = JoinTokenProof.Compute(token.Token.Secret, token.CaPin, node, address.ToString(), csr);
        var request = new EnrollmentRequest(node, address.ToString(), token.Token.Id, proof, csr);
        return await PostAsync(service, "v1/enroll", request, token.CaPin, clientCertificate: null, cancellationToken);
    }

    /// <summary>Rotates to <paramref name="newKey"/>, authenticating with the current certificate and key.</summary>
    /// <exception cref="EnrollmentRefusedException">The service refused (with its reason) or the client refused the service.</exception>
    public async Task<EnrolledIdentity> RenewAsync(
        Uri service, string caPin, string node, X509Certificate2 currentCertificateWithKey, PrivateKeyMaterial newKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newKey);
        var csr = CertificateIssuer.CreateSigningRequestPem(newKey, CertificateProfile.Leaf(node, 1));
        return await PostAsync(service, "v1/renew", new RenewalRequest(csr), caPin, currentCertificateWithKey, cancellationToken);
    }

    /// <summary>Sends any body to the service after pinning it (tests use it to send what a real client would not).</summary>
    internal async Task<EnrolledIdentity> PostAsync<T>(
        Uri service, string path, T body, string caPin, X509Certificate2? clientCertificate, CancellationToken cancellationToken)
    {
        string? refusal = null;
        using var handler = new SocketsHttpHandler();

        // The pin judges the server; the chain SslStream builds for that must not fetch what the server's certificate names.
        handler.SslOptions.CertificateChainPolicy = OfflineChainPolicy.Presented();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
        {
            refusal = CaPinValidator.Problem(certificate, chain, errors, caPin, time.GetUtcNow());
            return refusal is null;
        };
        if (clientCertificate is not null)
        {
            // Offline: building the context of our own certificate must not fetch what it names either.
            handler.SslOptions.ClientCertificateContext = SslStreamCertificateContext.Create(clientCertificate, additionalCertificates: null, offline: true);
        }

        using var http = new HttpClient(handler) { BaseAddress = service, Timeout = TimeSpan.FromSeconds(30) };
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(path, body, Json, cancellationToken);
        }
        catch (HttpRequestException e) when (refusal is not null)
        {
            throw new EnrollmentRefusedException(EnrollmentRefusedException.ServerNotPinned, refusal, e);
        }

        using (response)
        {
            EnrollmentResponse? answer;
            try
            {
                answer = await response.Content.ReadFromJsonAsync<EnrollmentResponse>(Json, cancellationToken);
            }
            catch (JsonException e)
            {
                // Not a decision (a 500 from a failed write, a proxy's page): a failure to report, not a refusal.
                throw new HttpRequestException($"the service answered {(int)response.StatusCode} {response.ReasonPhrase} without an enrollment response", e, response.StatusCode);
            }

            if (answer is null)
            {
                throw new EnrollmentRefusedException("empty-response", $"the service answered {(int)response.StatusCode} without a body");
            }

            if (!answer.Admitted || answer.CertificatePem is null || answer.ChainPem is null || answer.Serial is null)
            {
                throw new EnrollmentRefusedException(answer.Reason, answer.Message);
            }

            return new EnrolledIdentity(answer.CertificatePem, answer.ChainPem, answer.Serial);
        }
    }
}
