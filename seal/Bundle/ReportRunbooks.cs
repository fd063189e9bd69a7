using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Kubedos.Seal.Bundle;

/// <summary>
/// report.html's runbook section: one row per runbook report the manifest lists under <c>runbooks/</c>, with each step
/// as a point on its timeline (seconds after the run started) and the verdict.
/// </summary>
internal static class ReportRunbooks
{
    public static void Render(string directory, BundleManifest manifest, StringBuilder html)
    {
        var reports = manifest.Files
            .Where(f => f.Path.StartsWith(BundleLayout.RunbookReportsDirectory + "/", StringComparison.Ordinal) && f.Path.EndsWith(".json", StringComparison.Ordinal))
            .Select(f => (f.Path, Report: ReportDrills.Read(Path.Combine(directory, f.Path))))
            .ToList();
        html.Append("<h2>Runbooks</h2>\n");
        if (reports.Count == 0)
        {
            html.Append("<p id=\"no-runbooks\">No runbook has run on this stack since it was sealed (<code>kubedos runbook rotate|compromised-node</code>).</p>\n");
            return;
        }

        html.Append("<table id=\"runbooks\"><tr><th>runbook</th><th>verdict</th><th>steps (seconds after the start)</th><th>total</th></tr>\n");
        foreach (var (path, report) in reports)
        {
            if (report is null)
            {
                html.Append("<tr><td colspan=\"4\">").Append(BundleReportPage.E(path)).Append(": not a readable runbook report</td></tr>\n");
                continue;
            }

            var verdict = BundleReportPage.Text(report["verdict"]);
            DateTimeOffset.TryParse(BundleReportPage.Text(report["startedAt"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var started);
            var steps = (report["steps"] as JsonArray ?? []).OfType<JsonObject>().Select(step =>
            {
                var at = DateTimeOffset.TryParse(BundleReportPage.Text(step["finishedAt"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var finished)
                    ? $" +{(finished - started).TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s" : string.Empty;
                var state = BundleReportPage.Text(step["verdict"]) == "passed" ? "reached" : "failed";
                return $"<span class=\"{state}\">{BundleReportPage.E(BundleReportPage.Text(step["kind"]))} {BundleReportPage.E(BundleReportPage.Text(step["subject"]))}{at}</span>";
            });
            html.Append("<tr class=\"runbook\" data-runbook=\"").Append(BundleReportPage.E(BundleReportPage.Text(report["runbook"]))).Append("\"><td>")
                .Append(BundleReportPage.E($"{BundleReportPage.Text(report["runbook"])} {BundleReportPage.Text(report["what"])}")).Append("<br><code>").Append(BundleReportPage.E(path))
                .Append("</code></td><td class=\"").Append(verdict == "passed" ? "reached" : "failed").Append("\">").Append(BundleReportPage.E(verdict)).Append("</td><td>")
                .Append(string.Join(" &rarr; ", steps)).Append("</td><td>").Append(BundleReportPage.E(BundleReportPage.Text(report["seconds"]))).Append(" s</td></tr>\n");
        }

        html.Append("</table>\n");
    }
}
