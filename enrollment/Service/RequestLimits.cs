using System.Text.RegularExpressions;

namespace Kubedos.Enrollment.Service;

/// <summary>
/// How big a request to the enrollment service may be, field by field: checked before anything is decided or logged,
/// so a client cannot make the service hold or write more than these.
/// </summary>
internal static partial class RequestLimits
{
    /// <summary>The largest body Kestrel accepts; a larger announced Content-Length is refused (413) unread.</summary>
    public const int BodyBytes = 64 * 1024;

    /// <summary>A PKCS#10 request for a P-384 or RSA-4096 key with a few names is far below this.</summary>
    public const int CsrChars = 16 * 1024;

    /// <summary>Node names are DNS labels.</summary>
    public const int NodeChars = 63;

    /// <summary>The longest textual IPv6 address (with an embedded IPv4 address).</summary>
    public const int AddressChars = 45;

    /// <summary>A token proof is the base64 of an HMAC-SHA256 (44 characters).</summary>
    public const int ProofChars = 44;

    /// <summary>How much of a value a client chose (a claimed name, a content type) the audit log keeps.</summary>
    public const int LoggedChars = 64;

    /// <summary>Null when the request's fields have the shape the protocol allows, else which field breaks which rule.</summary>
    public static string? EnrollmentProblem(EnrollmentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.IsNullOrEmpty(request.Node) && !NodeName().IsMatch(request.Node))
        {
            return $"node must be a DNS label ([a-z0-9-], at most {NodeChars} characters), got {Describe(request.Node)}";
        }

        if (request.Address is { Length: > AddressChars })
        {
            return $"address must be an IP address (at most {AddressChars} characters), got {Describe(request.Address)}";
        }

        if (!string.IsNullOrEmpty(request.TokenId) && !TokenId().IsMatch(request.TokenId))
        {
            return $"tokenId must be the 6-character [a-z0-9] id of a join token, got {Describe(request.TokenId)}";
        }

        if (request.Proof is { Length: > ProofChars })
        {
            return $"proof must be a base64 HMAC-SHA256 ({ProofChars} characters), got {request.Proof.Length} characters";
        }

        return CsrProblem(request.CsrPem);
    }

    /// <summary>Null when the CSR is within <see cref="CsrChars"/>.</summary>
    public static string? CsrProblem(string? csrPem) =>
        csrPem is { Length: > CsrChars } ? $"csrPem must be at most {CsrChars} characters, got {csrPem.Length}" : null;

    /// <summary><paramref name="value"/> cut to <see cref="LoggedChars"/>, saying how long it was.</summary>
    public static string Capped(string? value) =>
        value is null ? string.Empty
        : value.Length <= LoggedChars ? value
        : $"{value[..LoggedChars]}... ({value.Length} characters)";

    private static string Describe(string value) => $"'{Capped(value)}'";

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex NodeName();

    [GeneratedRegex(@"^[a-z0-9]{6}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TokenId();
}
