using System.Text;
using System.Text.Json;
using Kubedos.Engine.Model;

namespace Kubedos.Cli;

/// <summary>Writes a policy check report as one JSON document (stable field names; locations as given by the program).</summary>
internal static class PolicyCheckJson
{
    public static string Write(PolicyCheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("stack", report.Stack);
            w.WriteNumber("exitCode", report.ExitCode);
            w.WriteNumber("mandatory", report.Mandatory);
            w.WriteNumber("advisory", report.Advisory);
            w.WriteStartArray("errors");
            foreach (var error in report.Errors)
            {
                w.WriteStartObject();
                w.WriteString("message", error.Message);
                w.WriteString("rule", error.Rule);
                w.WriteString("urn", error.Urn?.Value);
                WriteLocation(w, error.Source);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("policies");
            foreach (var rule in report.Rules)
            {
                w.WriteStartObject();
                w.WriteString("id", rule.Id);
                w.WriteString("pack", rule.Pack);
                w.WriteString("enforcementLevel", rule.Level.ToString().ToLowerInvariant());
                w.WriteString("description", rule.Description);
                w.WriteString("remediation", rule.Remediation);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("violations");
            foreach (var f in report.Findings)
            {
                w.WriteStartObject();
                w.WriteString("policy", f.Policy);
                w.WriteString("pack", f.Pack);
                w.WriteString("enforcementLevel", f.Level.ToString().ToLowerInvariant());
                w.WriteString("message", f.Message);
                w.WriteString("urn", f.Urn);
                WriteLocation(w, f.Source);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteLocation(Utf8JsonWriter w, PolicySourceLocation? source)
    {
        if (source is null)
        {
            w.WriteNull("location");
            return;
        }

        w.WriteStartObject("location");
        w.WriteString("file", source.File);
        if (source.Line is { } line)
        {
            w.WriteNumber("line", line);
        }

        if (source.Column is { } column)
        {
            w.WriteNumber("column", column);
        }

        w.WriteEndObject();
    }
}
