using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Kubedos.Seal.Bundle;

/// <summary>report.html's artifact section: every artifact <c>artifacts.json</c> lists (the agent's files, the node image's outputs), with its SHA-256 and size.</summary>
internal static class ReportArtifacts
{
    public static void Render(string directory, BundleManifest manifest, StringBuilder html)
    {
        html.Append("<h2>Artifacts</h2>\n");
        JsonObject? artifacts = null;
        if (manifest.Files.Any(f => f.Path == BundleLayout.ArtifactsFile))
        {
            try
            {
                artifacts = JsonNode.Parse(File.ReadAllBytes(Path.Combine(directory, BundleLayout.ArtifactsFile))) as JsonObject;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
            {
                artifacts = null;
            }
        }

        if (artifacts is null)
        {
            html.Append("<p>No readable <code>").Append(BundleLayout.ArtifactsFile).Append("</code>.</p>\n");
            return;
        }

        var image = artifacts["nodeImage"] as JsonObject;
        if (artifacts["nodeImage"] is JsonValue none)
        {
            html.Append("<p id=\"node-image\">Node image: ").Append(BundleReportPage.E(BundleReportPage.Text(none))).Append("</p>\n");
        }

        html.Append("<table id=\"artifacts\"><tr><th>artifact</th><th>bytes</th><th>sha256</th></tr>\n");
        var images = (image?["outputs"] as JsonArray ?? []).OfType<JsonObject>().Select(o => new JsonObject
        {
            ["name"] = $"image/{BundleReportPage.Text(o["name"])}",
            ["size"] = o["size"]?.DeepClone(),
            ["sha256"] = o["sha256"]?.DeepClone(),
        });
        foreach (var artifact in (artifacts["artifacts"] as JsonArray ?? []).OfType<JsonObject>().Concat(images))
        {
            var size = artifact["size"] is JsonValue v && v.TryGetValue(out long bytes) ? bytes.ToString(CultureInfo.InvariantCulture) : string.Empty;
            html.Append("<tr><td>").Append(BundleReportPage.E(BundleReportPage.Text(artifact["name"]))).Append("</td><td>").Append(size).Append("</td><td><code>")
                .Append(BundleReportPage.E(BundleReportPage.Text(artifact["sha256"]))).Append("</code></td></tr>\n");
        }

        html.Append("</table>\n");
    }
}
