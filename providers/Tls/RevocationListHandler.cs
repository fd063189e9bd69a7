using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Pki;

namespace Kubedos.Providers.Tls;

/// <summary>One entry of <c>tls:index:RevocationList</c>'s inputs.</summary>
internal sealed record RevokedCertificateInputs(string Serial, string RevokedAt);

/// <summary>Inputs of <c>tls:index:RevocationList</c>.</summary>
internal sealed record RevocationListInputs(
    string CaCertPem,
    [property: Secret] string CaPrivateKeyPem,
    IReadOnlyList<RevokedCertificateInputs> Revoked,
    int ValidityPeriodHours,
    int EarlyRenewalHours = 0);

/// <summary>Outputs of <c>tls:index:RevocationList</c>.</summary>
internal sealed record RevocationListOutputs(
    string CrlPem, long Number, IReadOnlyList<string> Serials, DateTimeOffset ThisUpdate, DateTimeOffset NextUpdate, DateTimeOffset RenewalDueTime);

/// <summary><c>tls:index:RevocationList</c>: signs the list (<see cref="RevocationListIssuer"/>); every change issues it again under the next number.</summary>
internal sealed class RevocationListHandler(TimeProvider time) : ResourceHandler<RevocationListInputs, RevocationListOutputs>
{
    private const string DueProperty = "renewalDueTime";

    public override string Type => RevocationList.TypeToken;

    protected override bool UpdatesInPlace => true;

    protected override IEnumerable<CheckFailure> Validate(RevocationListInputs inputs)
    {
        var failures = SelfSignedCertHandler.SignerProblems(inputs.CaCertPem, inputs.CaPrivateKeyPem, inputs.EarlyRenewalHours, inputs.ValidityPeriodHours).ToList();

        foreach (var (entry, index) in inputs.Revoked.Select((e, i) => (e, i)))
        {
            if (entry.Serial.Length == 0 || !entry.Serial.All(char.IsAsciiHexDigit))
            {
                failures.Add(new CheckFailure($"revoked[{index}].serial", $"'{entry.Serial}' is not a hex serial"));
            }

            if (!TryParseTime(entry.RevokedAt, out _))
            {
                failures.Add(new CheckFailure($"revoked[{index}].revokedAt", $"'{entry.RevokedAt}' is not an ISO 8601 time"));
            }
        }

        return failures;
    }

    protected override DiffResponse Diff(DiffRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var diff = base.Diff(request);
        if (request.OldOutputs.GetOrDefault(DueProperty)?.Unwrapped is not { Kind: PropertyValueKind.String } due
            || !TryParseTime(due.AsString(), out var dueAt)
            || !RenewalWindow.IsDue(dueAt, TimeSpan.Zero, time.GetUtcNow()))
        {
            return diff;
        }

        // Due: issued again in place under the next number (a replacement would start the numbers over).
        return new DiffResponse(DiffChanges.Some, [.. diff.ChangedKeys.Append(DueProperty).Distinct(StringComparer.Ordinal)], diff.ReplaceKeys, diff.DeleteBeforeReplace);
    }

    protected override Task<LiveResource<RevocationListOutputs>> CreateAsync(Urn urn, RevocationListInputs inputs, CancellationToken cancellationToken)
    {
        var outputs = Issue(urn, inputs, 1);
        using var ca = X509Certificate2.CreateFromPem(inputs.CaCertPem);
        return Task.FromResult(new LiveResource<RevocationListOutputs>(SpkiPin.Of(ca), outputs));
    }

    protected override Task<RevocationListOutputs> UpdateAsync(
        Urn urn, string id, RevocationListInputs oldInputs, RevocationListOutputs oldOutputs, RevocationListInputs newInputs, CancellationToken cancellationToken) =>
        Task.FromResult(Issue(urn, newInputs, oldOutputs.Number + 1));

    protected override Task<LiveResource<RevocationListOutputs>?> ReadAsync(
        Urn urn, string? id, RevocationListInputs inputs, RevocationListOutputs? outputs, CancellationToken cancellationToken) =>
        Task.FromResult(id is null || outputs is null ? null : new LiveResource<RevocationListOutputs>(id, outputs));

    protected override Task DeleteAsync(Urn urn, string id, RevocationListInputs inputs, RevocationListOutputs outputs, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    private RevocationListOutputs Issue(Urn urn, RevocationListInputs inputs, long number)
    {
        using var caKey = SelfSignedCertHandler.ReadKey(urn, inputs.CaPrivateKeyPem, "caPrivateKeyPem");
        using var ca = X509Certificate2.CreateFromPem(inputs.CaCertPem);

        // Whole seconds, as X.509 times carry no fractions.
        var thisUpdate = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var nextUpdate = thisUpdate.AddHours(inputs.ValidityPeriodHours);
        var revoked = inputs.Revoked
            .Select(e => new RevokedSerial(e.Serial.ToLowerInvariant(), TryParseTime(e.RevokedAt, out var at) ? at : thisUpdate))
            .DistinctBy(e => e.Serial, StringComparer.Ordinal)
            .OrderBy(e => e.Serial, StringComparer.Ordinal)
            .ToList();
        string pem;
        try
        {
            pem = RevocationListIssuer.Issue(ca, caKey, revoked, number, thisUpdate, nextUpdate);
        }
        catch (CertificateRequestException e)
        {
            throw new ProviderException(urn, "caCertPem", e.Message);
        }

        return new RevocationListOutputs(
            pem, number, [.. revoked.Select(e => e.Serial)], thisUpdate, nextUpdate, RenewalWindow.DueAt(nextUpdate, TimeSpan.FromHours(inputs.EarlyRenewalHours)));
    }

    private static bool TryParseTime(string text, out DateTimeOffset at) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out at);
}
