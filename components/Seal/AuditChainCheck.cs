using System.Text.Json;
using System.Text.Json.Nodes;
using Kubedos.Enrollment.Audit;
using Kubedos.Seal.Bundle;

namespace Kubedos.Components.Seal;

/// <summary>
/// The bundle check the seal library cannot make alone (it knows nothing of enrollment): every audit log listed in
/// <c>enrollment/audit-heads.json</c> walked as a hash chain and proven against the head hash recorded at seal time (rule <c>audit-chain</c>).
/// </summary>
internal static class AuditChainCheck
{
    public const string HeadsFile = "enrollment/audit-heads.json";

    public static IReadOnlyList<BundleCheck> Run(string bundleDirectory)
    {
        var heads = Path.Combine(bundleDirectory, HeadsFile);
        if (!File.Exists(heads))
        {
            return [];
        }

        JsonArray logs;
        try
        {
            logs = JsonNode.Parse(File.ReadAllBytes(heads))?["logs"] as JsonArray ?? throw new FormatException("no 'logs' array");
        }
        catch (Exception e) when (e is JsonException or FormatException or IOException)
        {
            return [new BundleCheck(HeadsFile, "audit-chain", false, $"unreadable: {e.Message}")];
        }

        var checks = new List<BundleCheck>();
        foreach (var log in logs.OfType<JsonObject>())
        {
            var file = log["file"]?.GetValue<string>() ?? string.Empty;
            var head = log["headHash"]?.GetValue<string>();
            var path = Path.Combine(bundleDirectory, file);
            if (file.Length == 0 || head is null || !File.Exists(path))
            {
                checks.Add(new BundleCheck(file.Length == 0 ? HeadsFile : file, "audit-chain", false, "the recorded log or its head hash is missing"));
                continue;
            }

            var result = AuditLog.Verify(path, head);
            checks.Add(new BundleCheck(file, "audit-chain", result.IsAnchored,
                result.IsAnchored ? $"{result.Entries} entries, chain intact, last entry matches the recorded head {head}" : $"line {result.FirstBadLine}: {result.Problem}"));
        }

        return checks;
    }
}
