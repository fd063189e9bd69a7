using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Kubedos.Seal.Bundle;

/// <summary>
/// <c>report.html</c>: one self-contained page (inline style, no script, nothing fetched) a person opens from the file:
/// whether the bundle verified, the acceptance verdict per gate with the preflight gate (spec §8.3 gate 8: this
/// bundle's static checks) beside them, the backplane matrix as a node-by-node grid per plane, the drills' timelines
/// against their targets, the runbooks' steps, the artifacts and every file with its digest, and every check.
/// </summary>
public static partial class BundleReportPage
{
    public static string Render(BundleVerification verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        var html = new StringBuilder();
        var manifest = verification.Manifest;
        var title = manifest is null ? "Recovery bundle" : $"Recovery bundle: {manifest.Stack} ({manifest.Cluster})";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(title)).Append("</title>\n<style>\n")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1f24;max-width:72rem}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}")
            .Append("table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #c8ccd1;padding:.25rem .5rem;font-size:.85rem;text-align:left;vertical-align:top}")
            .Append(".verdict{display:inline-block;padding:.3rem .8rem;border-radius:.3rem;font-weight:600;color:#fff}.pass{background:#1a7f37}.fail{background:#cf222e}")
            .Append(".reached{background:#2da44e;color:#fff}.filtered{background:#8c959f;color:#fff}.failed{background:#cf222e;color:#fff}.self{background:#f6f8fa}")
            .Append("code{font-size:.8rem;word-break:break-all}.legend span{display:inline-block;padding:.1rem .5rem;margin-right:.5rem}")
            .Append(ReportDrills.Style).Append("\n</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(E(title)).Append("</h1>\n");
        html.Append("<p id=\"bundle-verdict\" class=\"verdict ").Append(verification.Passed ? "pass\">Bundle verified" : "fail\">Bundle did NOT verify").Append("</p>\n");
        html.Append("<p>Signing key <code>").Append(E(verification.KeyId)).Append("</code>, checked with ").Append(E(verification.KeySource)).Append(".</p>\n");
        if (verification.FirstFailure is { } failure)
        {
            html.Append("<p id=\"first-failure\"><strong>First failure:</strong> <code>").Append(E(failure.File)).Append("</code>: ")
                .Append(E(failure.Rule)).Append(": ").Append(E(failure.Detail)).Append("</p>\n");
        }

        if (manifest is not null)
        {
            foreach (var note in manifest.Notes)
            {
                html.Append("<p class=\"note\">").Append(E(note)).Append("</p>\n");
            }
        }

        Acceptance(verification, html);
        if (manifest is not null)
        {
            ReportDrills.Render(verification.Directory, manifest, html);
            ReportRunbooks.Render(verification.Directory, manifest, html);
            ReportArtifacts.Render(verification.Directory, manifest, html);
            html.Append("<h2>Files</h2>\n<table id=\"files\"><tr><th>file</th><th>bytes</th><th>sha256</th></tr>\n");
            foreach (var f in manifest.Files)
            {
                html.Append("<tr><td>").Append(E(f.Path)).Append("</td><td>").Append(f.Size.ToString(CultureInfo.InvariantCulture)).Append("</td><td><code>")
                    .Append(E(f.Sha256)).Append("</code></td></tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append("<h2>Preflight gate: static checks</h2>\n<table id=\"checks\"><tr><th>file</th><th>rule</th><th>result</th><th>detail</th></tr>\n");
        foreach (var c in verification.Checks)
        {
            html.Append("<tr><td>").Append(E(c.File)).Append("</td><td>").Append(E(c.Rule)).Append("</td><td class=\"").Append(c.Passed ? "reached\">ok" : "failed\">FAILED")
                .Append("</td><td>").Append(E(c.Detail)).Append("</td></tr>\n");
        }

        html.Append("</table>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Acceptance(BundleVerification verification, StringBuilder html)
    {
        JsonNode? report;
        try
        {
            report = JsonNode.Parse(File.ReadAllBytes(Path.Combine(verification.Directory, BundleLayout.AcceptanceReportFile)));
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            html.Append("<h2>Acceptance</h2>\n<p>No readable acceptance report.</p>\n<table id=\"gates\"><tr><th>gate</th><th>verdict</th><th>probes</th><th>started</th><th>finished</th></tr>\n");
            Preflight(verification, html);
            html.Append("</table>\n");
            return;
        }

        var verdict = Text(report?["verdict"]);
        html.Append("<h2>Acceptance</h2>\n<p id=\"acceptance-verdict\" class=\"verdict ").Append(verdict == "passed" ? "pass" : "fail").Append("\">")
            .Append(E(verdict)).Append("</p>\n<table id=\"gates\"><tr><th>gate</th><th>verdict</th><th>probes</th><th>started</th><th>finished</th></tr>\n");
        var gates = report?["gates"] as JsonArray ?? [];
        foreach (var gate in gates.OfType<JsonObject>())
        {
            var passed = gate["passed"]?.GetValue<bool>() == true;
            html.Append("<tr><td>").Append(E(Text(gate["gate"]))).Append("</td><td class=\"").Append(passed ? "reached\">passed" : "failed\">failed")
                .Append("</td><td>").Append((gate["probes"] as JsonArray)?.Count ?? 0).Append("</td><td>").Append(E(Text(gate["startedAt"])))
                .Append("</td><td>").Append(E(Text(gate["finishedAt"]))).Append("</td></tr>\n");
        }

        Preflight(verification, html);
        html.Append("</table>\n");
        var matrix = gates.OfType<JsonObject>().FirstOrDefault(g => Text(g["gate"]) == "backplane-matrix");
        if (matrix?["probes"] is JsonArray probes)
        {
            Matrix(probes.OfType<JsonObject>().ToList(), html);
        }
    }

    // Spec §8.3 gate 8: the static checks of the bundle itself (manifest complete, signatures, schemas), judged like a gate.
    private static void Preflight(BundleVerification verification, StringBuilder html)
    {
        var failed = verification.Checks.Count(c => !c.Passed);
        html.Append("<tr id=\"gate-preflight\"><td>preflight</td><td class=\"").Append(verification.Passed ? "reached\">passed" : "failed\">failed")
            .Append("</td><td>").Append(verification.Checks.Count).Append(" static checks").Append(failed == 0 ? string.Empty : $", {failed} failed")
            .Append("</td><td colspan=\"2\">manifest complete, digests, signatures, schemas of this bundle, as checked when this page was rendered</td></tr>\n");
    }

    // One grid per plane: rows are senders, columns receivers; a cell shows the worst of its probes.
    private static void Matrix(IReadOnlyList<JsonObject> probes, StringBuilder html)
    {
        html.Append("<h2>Backplane matrix</h2>\n<p class=\"legend\"><span class=\"reached\">reached</span><span class=\"filtered\">filtered as expected</span><span class=\"failed\">failed</span></p>\n");
        var byPlane = probes.GroupBy(p => PlaneOf(Text(p["tried"]))).OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var plane in byPlane)
        {
            var nodes = plane.SelectMany(p => new[] { Text(p["from"]), Text(p["to"]) }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            html.Append("<h3>").Append(E(plane.Key)).Append("</h3>\n<table class=\"matrix\" data-plane=\"").Append(E(plane.Key)).Append("\"><tr><th>from \\ to</th>");
            foreach (var n in nodes)
            {
                html.Append("<th>").Append(E(n)).Append("</th>");
            }

            html.Append("</tr>\n");
            foreach (var from in nodes)
            {
                html.Append("<tr><th>").Append(E(from)).Append("</th>");
                foreach (var to in nodes)
                {
                    var cell = plane.Where(p => Text(p["from"]) == from && Text(p["to"]) == to).ToList();
                    if (cell.Count == 0)
                    {
                        html.Append("<td class=\"self\"></td>");
                        continue;
                    }

                    var state = cell.Any(p => p["passed"]?.GetValue<bool>() != true) ? "failed"
                        : cell.All(p => Text(p["expected"]) == "Filtered") ? "filtered" : "reached";
                    var tip = string.Join(" | ", cell.Select(p => Text(p["tried"])));
                    html.Append("<td class=\"").Append(state).Append("\" title=\"").Append(E(tip)).Append("\">").Append(state).Append("</td>");
                }

                html.Append("</tr>\n");
            }

            html.Append("</table>\n");
        }
    }

    private static string PlaneOf(string tried)
    {
        var planes = PlaneName().Matches(tried).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList();
        return planes.Count == 1 ? planes[0] : planes.Count == 0 ? "other" : "inter-plane";
    }

    internal static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : node?.ToJsonString() ?? string.Empty;

    internal static string E(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex(@"\bwg\d+\b", RegexOptions.CultureInvariant)]
    private static partial Regex PlaneName();
}
