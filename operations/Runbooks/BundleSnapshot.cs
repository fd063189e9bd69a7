using System.Globalization;
using System.Text.RegularExpressions;
using Kubedos.Seal.Bundle;

namespace Kubedos.Operations.Runbooks;

/// <summary>
/// The etcd snapshot a total-loss rebuild restores: the newest <c>etcd/*.db</c> of a recovery bundle that verifies
/// offline (its manifest's signature, every file's digest) under the stack's pinned signing key. A bundle that does not
/// verify, or one signed by another key, gives no snapshot: restoring unproven data into a rebuilt cluster is refused.
/// </summary>
/// <param name="Path">The snapshot in the bundle.</param>
/// <param name="Sha256">Its SHA-256, as the verified manifest lists it.</param>
/// <param name="TakenAt">When it was taken (the UTC stamp <c>EtcdSnapshotFetch</c> puts in its name).</param>
internal sealed partial record BundleSnapshot(string Path, string Sha256, DateTimeOffset TakenAt)
{
    /// <summary>The snapshot's file name.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>The newest snapshot of <paramref name="bundle"/>.</summary>
    /// <param name="bundle">The recovery bundle directory.</param>
    /// <param name="signingKeyPin">The key id the stack seals with (config <c>kubedos:seal.signingKeyPin</c>); null trusts the bundle's own key (integrity only).</param>
    /// <exception cref="OperationRefusedException">The bundle does not verify, another key signed it, or it holds no etcd snapshot.</exception>
    public static BundleSnapshot Newest(string bundle, string? signingKeyPin)
    {
        ArgumentException.ThrowIfNullOrEmpty(bundle);
        if (!Directory.Exists(bundle))
        {
            throw new OperationRefusedException($"there is no recovery bundle at {bundle}: total-loss restores etcd from it");
        }

        var verification = BundleVerifier.Verify(bundle, null);
        if (!verification.Passed)
        {
            var failure = verification.FirstFailure!;
            throw new OperationRefusedException(
                $"the recovery bundle {bundle} does not verify ({failure.File}: {failure.Rule}: {failure.Detail}): its etcd snapshot is not trusted, nothing was touched");
        }

        if (signingKeyPin is not null && !string.Equals(verification.KeyId, signingKeyPin.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            throw new OperationRefusedException(
                $"the recovery bundle {bundle} is signed by key {verification.KeyId}, the stack pins {signingKeyPin.Trim()} (kubedos:seal.signingKeyPin): its etcd snapshot is not trusted, nothing was touched");
        }

        var newest = verification.Manifest!.Files
            .Select(f => (Entry: f, Stamp: Stamp().Match(f.Path)))
            .Where(f => f.Entry.Path.StartsWith("etcd/", StringComparison.Ordinal) && f.Stamp.Success)
            .Select(f => new BundleSnapshot(
                System.IO.Path.Combine(bundle, f.Entry.Path),
                f.Entry.Sha256,
                DateTimeOffset.ParseExact(f.Stamp.Groups[1].Value, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)))
            .OrderByDescending(s => s.TakenAt)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return newest ?? throw new OperationRefusedException(
            $"the recovery bundle {bundle} holds no etcd snapshot (etcd/*.db): a rebuild would start etcd empty; nothing was touched");
    }

    [GeneratedRegex(@"-(\d{8}T\d{6}Z)\.db$", RegexOptions.CultureInvariant)]
    private static partial Regex Stamp();
}
