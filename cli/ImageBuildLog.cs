using System.Globalization;
using Kubedos.Enrollment.Audit;
using Kubedos.Image.Build;

namespace Kubedos.Cli;

/// <summary>
/// The image build's tamper-evident log (spec §8.1): each build appends its phases, the lock and build key, the
/// tools' versions and every output's digest to <c>out/&lt;stack&gt;/logs/build.log</c>, hash-chained like the
/// enrollment audit log, so <c>kubedos audit verify</c> checks it.
/// </summary>
internal static class ImageBuildLog
{
    public static string PathIn(string outDirectory) => Path.Combine(outDirectory, "logs", "build.log");

    /// <summary>Appends one build (its phases and its result or failure) and returns the log's head hash.</summary>
    public static async Task<string> RecordAsync(
        string outDirectory, ImageBuildRequest request, IReadOnlyList<BuildProgress> phases, ImageBuildResult? result, string? failure, CancellationToken cancellationToken)
    {
        var path = PathIn(outDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var log = AuditLog.Open(path);
        var now = DateTimeOffset.UtcNow;
        await log.AppendAsync(Record(now, "start", "build", new Dictionary<string, string>
        {
            ["lockInRelease"] = request.Lock.Snapshot.InReleaseSha256,
            ["declaredDigest"] = request.Lock.Declared.Digest,
            ["packages"] = request.Lock.Packages.Count.ToString(CultureInfo.InvariantCulture),
            ["offline"] = request.Offline ? "true" : "false",
            ["store"] = request.StoreRoot,
        }), cancellationToken);
        foreach (var phase in phases.Where(p => p.Phase != "acquire" || p.Detail.StartsWith($"{request.Lock.Packages.Count}/", StringComparison.Ordinal)))
        {
            await log.AppendAsync(Record(now, phase.Phase, phase.Detail, new Dictionary<string, string> { ["elapsed"] = phase.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) }), cancellationToken);
        }

        if (result is not null)
        {
            var details = new Dictionary<string, string>(result.Manifest.Tools, StringComparer.Ordinal)
            {
                ["buildKey"] = result.Manifest.BuildKey,
                ["cacheHit"] = result.CacheHit ? "true" : "false",
                ["downloaded"] = result.Downloaded.ToString(CultureInfo.InvariantCulture),
            };
            foreach (var output in result.Manifest.Outputs)
            {
                details[$"output.{output.Kind}"] = $"{output.Name} sha256:{output.Sha256} {output.Size}";
            }

            await log.AppendAsync(Record(now, "finish", "built", details), cancellationToken);
        }
        else
        {
            await log.AppendAsync(Record(now, "finish", "failed", new Dictionary<string, string> { ["error"] = failure ?? string.Empty }), cancellationToken);
        }

        return AuditLog.Verify(path).HeadHash;
    }

    private static AuditRecord Record(DateTimeOffset time, string phase, string what, IReadOnlyDictionary<string, string> details) =>
        new(time, "image-build", phase, phase == "finish" ? what : "record", what, details);
}
