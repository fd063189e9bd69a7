using System.Text;
using System.Text.Json;
using Kubedos.Engine.Model;
using Kubedos.Engine.Policy;

namespace Kubedos.Cli;

/// <summary>Writes a policy check report as SARIF 2.1.0: one run, the policies as rules, each violation a result at its ClusterSpec line.</summary>
/// <remarks>
/// Locations under the project directory are written relative to it with <c>uriBaseId</c> <c>%SRCROOT%</c>,
/// which is what code hosts match against the repository's files to annotate a pull request.
/// </remarks>
internal static class PolicyCheckSarif
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>The rule id of a result for a failure that is not a policy's and names no spec rule (a missing config key, a provider check).</summary>
    public const string PreviewFailedRuleId = "kubedos-preview-failed";

    public static string Write(PolicyCheckReport report, string projectDirectory)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("$schema", SchemaUri);
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();
            WriteTool(w, report);
            w.WriteStartObject("originalUriBaseIds");
            w.WriteStartObject("%SRCROOT%");
            w.WriteString("uri", new Uri(Path.TrimEndingDirectorySeparator(Path.GetFullPath(projectDirectory)) + "/").AbsoluteUri);
            w.WriteEndObject();
            w.WriteEndObject();
            WriteResults(w, report, projectDirectory);
            w.WriteStartArray("invocations");
            w.WriteStartObject();
            w.WriteBoolean("executionSuccessful", report.Errors.IsEmpty);
            w.WriteStartArray("toolExecutionNotifications");
            foreach (var error in report.Errors)
            {
                w.WriteStartObject();
                w.WriteString("level", "error");
                w.WriteStartObject("message");
                w.WriteString("text", error.ToString());
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>SARIF's level for an enforcement level: mandatory fails the check (error), advisory warns.</summary>
    public static string Level(EnforcementLevel level) => level switch
    {
        EnforcementLevel.Mandatory => "error",
        EnforcementLevel.Advisory => "warning",
        _ => "none",
    };

    private static void WriteTool(Utf8JsonWriter w, PolicyCheckReport report)
    {
        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", "kubedos");
        w.WriteString("fullName", "kubedos policy check");
        w.WriteString("informationUri", "https://kubedos.ca/");
        w.WriteStartArray("rules");
        foreach (var rule in report.Rules)
        {
            w.WriteStartObject();
            w.WriteString("id", rule.Id);
            w.WriteString("name", rule.Id);
            w.WriteStartObject("shortDescription");
            w.WriteString("text", rule.Description);
            w.WriteEndObject();
            w.WriteStartObject("help");
            w.WriteString("text", rule.Remediation ?? rule.Description);
            w.WriteEndObject();
            w.WriteStartObject("defaultConfiguration");
            w.WriteString("level", Level(rule.Level));
            w.WriteBoolean("enabled", rule.Level != EnforcementLevel.Disabled);
            w.WriteEndObject();
            w.WriteStartObject("properties");
            w.WriteString("policyPack", rule.Pack);
            w.WriteString("enforcementLevel", rule.Level.ToString().ToLowerInvariant());
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteResults(Utf8JsonWriter w, PolicyCheckReport report, string projectDirectory)
    {
        w.WriteStartArray("results");
        foreach (var finding in report.Findings)
        {
            w.WriteStartObject();
            w.WriteString("ruleId", finding.Policy);
            var index = report.Rules.IndexOf(report.Rules.FirstOrDefault(r => r.Id == finding.Policy && r.Pack == finding.Pack)!);
            if (index >= 0)
            {
                w.WriteNumber("ruleIndex", index);
            }

            w.WriteString("level", Level(finding.Level));
            w.WriteStartObject("message");
            w.WriteString("text", finding.Message);
            w.WriteEndObject();
            w.WriteStartArray("locations");
            w.WriteStartObject();
            if (finding.Source is { } source)
            {
                WritePhysical(w, source, projectDirectory);
            }

            WriteLogical(w, finding.Urn);

            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        // What kept the plan from being judged is a result too, at its spec line: a gate reading only results must not pass an empty run.
        foreach (var error in report.Errors)
        {
            w.WriteStartObject();
            w.WriteString("ruleId", error.Rule ?? PreviewFailedRuleId);
            w.WriteString("level", "error");
            w.WriteStartObject("message");
            w.WriteString("text", error.ToString());
            w.WriteEndObject();
            w.WriteStartArray("locations");
            w.WriteStartObject();

            // A failure with no spec line (a missing config key) points at the stack's config file: code hosts need a file to annotate.
            WritePhysical(w, error.Source ?? new PolicySourceLocation(Path.Combine(projectDirectory, $"Pulumi.{report.Stack}.yaml")), projectDirectory);

            WriteLogical(w, error.Urn?.Value);

            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WritePhysical(Utf8JsonWriter w, PolicySourceLocation source, string projectDirectory)
    {
        w.WriteStartObject("physicalLocation");
        w.WriteStartObject("artifactLocation");
        var (uri, relative) = ArtifactUri(source.File, projectDirectory);
        w.WriteString("uri", uri);
        if (relative)
        {
            w.WriteString("uriBaseId", "%SRCROOT%");
        }

        w.WriteEndObject();
        if (source.Line is { } line)
        {
            w.WriteStartObject("region");
            w.WriteNumber("startLine", line);
            if (source.Column is { } column)
            {
                w.WriteNumber("startColumn", column);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    /// <summary>The file as a URI: relative to the project when inside it (forward slashes), else absolute.</summary>
    public static (string Uri, bool Relative) ArtifactUri(string file, string projectDirectory)
    {
        var root = Path.GetFullPath(projectDirectory);
        var full = Path.GetFullPath(file, root);
        var relative = Path.GetRelativePath(root, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? (new Uri(full).AbsoluteUri, false)
            : (string.Join('/', relative.Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString)), true);
    }

    private static void WriteLogical(Utf8JsonWriter w, string? urn)
    {
        if (urn is null)
        {
            return;
        }

        w.WriteStartArray("logicalLocations");
        w.WriteStartObject();
        w.WriteString("fullyQualifiedName", urn);
        w.WriteString("kind", "resource");
        w.WriteEndObject();
        w.WriteEndArray();
    }
}
