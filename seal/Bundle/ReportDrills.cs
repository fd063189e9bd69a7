using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Kubedos.Seal.Bundle;

/// <summary>
/// report.html's drill section: one timeline per drill report the manifest lists under <c>drills/</c> (fault, detected,
/// recovered, verified as offsets from the fault) and its recovery time as a bar against its target.
/// </summary>
internal static class ReportDrills
{
    public const string Style =
        ".bar{position:relative;width:16rem;height:.9rem;background:#eaeef2;border:1px solid #c8ccd1}.bar span{position:absolute;left:0;top:0;bottom:0}"
        + ".bar span.within{background:#2da44e}.bar span.over{background:#cf222e}";

    public static void Render(string directory, BundleManifest manifest, StringBuilder html)
    {
        var reports = manifest.Files
            .Where(f => f.Path.StartsWith(BundleLayout.DrillsDirectory + "/", StringComparison.Ordinal) && f.Path.EndsWith(".json", StringComparison.Ordinal))
            .Select(f => (f.Path, Report: Read(Path.Combine(directory, f.Path))))
            .ToList();
        html.Append("<h2>Drills</h2>\n");
        if (reports.Count == 0)
        {
            html.Append("<p id=\"no-drills\">No drill has run on this stack since it was sealed (<code>kubedos drill run NAME</code>).</p>\n");
            return;
        }

        html.Append("<table id=\"drills\"><tr><th>drill</th><th>node</th><th>verdict</th><th>timeline (seconds after the fault)</th><th>recovery against target</th></tr>\n");
        foreach (var (path, report) in reports)
        {
            if (report is null)
            {
                html.Append("<tr><td colspan=\"5\">").Append(BundleReportPage.E(path)).Append(": not a readable drill report</td></tr>\n");
                continue;
            }

            var verdict = BundleReportPage.Text(report["verdict"]);
            var recovery = Number(report["recoverySeconds"]);
            var target = Number(report["targetSeconds"]);
            var within = report["withinTarget"]?.GetValue<bool>() == true;
            html.Append("<tr class=\"drill\" data-drill=\"").Append(BundleReportPage.E(BundleReportPage.Text(report["drill"]))).Append("\"><td>")
                .Append(BundleReportPage.E(BundleReportPage.Text(report["drill"]))).Append("<br><code>").Append(BundleReportPage.E(path)).Append("</code></td><td>")
                .Append(BundleReportPage.E(BundleReportPage.Text(report["node"]))).Append("</td><td class=\"").Append(verdict == "passed" ? "reached" : "failed").Append("\">")
                .Append(BundleReportPage.E(verdict)).Append("</td><td>").Append(Timeline(report["phases"] as JsonObject)).Append("</td><td>");
            if (recovery is { } r && target is { } t && t > 0)
            {
                var width = Math.Min(100, r / t * 100);
                html.Append("<div class=\"bar\" title=\"").Append(Seconds(r)).Append(" s of ").Append(Seconds(t)).Append(" s\"><span class=\"")
                    .Append(within ? "within" : "over").Append("\" style=\"width:").Append(width.ToString("0.#", CultureInfo.InvariantCulture)).Append("%\"></span></div>")
                    .Append(Seconds(r)).Append(" s of ").Append(Seconds(t)).Append(" s (").Append(within ? "within target" : "OVER target").Append(')');
            }
            else
            {
                html.Append("no recovery time recorded");
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    // "fault 0 s → detected +3.3 s → recovered +113 s → verified +113.1 s", from the phases' timestamps.
    private static string Timeline(JsonObject? phases)
    {
        if (phases is null || !DateTimeOffset.TryParse(BundleReportPage.Text(phases["fault"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var fault))
        {
            return "no phase timestamps";
        }

        var steps = new List<string>();
        foreach (var (name, value) in phases)
        {
            steps.Add(DateTimeOffset.TryParse(BundleReportPage.Text(value), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? $"{BundleReportPage.E(name)} +{Seconds((at - fault).TotalSeconds)} s"
                : $"{BundleReportPage.E(name)} (not reached)");
        }

        return string.Join(" &rarr; ", steps);
    }

    internal static JsonObject? Read(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static double? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue(out double d) ? d : null;

    private static string Seconds(double seconds) => seconds.ToString("0.#", CultureInfo.InvariantCulture);
}
