using System.Buffers;
using System.Text;
using System.Text.Json;
using Kubedos.Engine.Model;

namespace Kubedos.Engine.Automation.Events;

/// <summary>Writes engine events as JSON lines shaped like Pulumi's (<c>{sequence, timestamp, preludeEvent: {...}}</c>); secrets print as <c>[secret]</c>.</summary>
public static class EngineEventJson
{
    /// <summary>The mask a secret value prints as.</summary>
    public const string SecretMask = "[secret]";

    /// <summary>One event as one line of JSON (no trailing newline).</summary>
    public static string Serialize(EngineEvent engineEvent)
    {
        ArgumentNullException.ThrowIfNull(engineEvent);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("sequence", engineEvent.Sequence);
            w.WriteNumber("timestamp", engineEvent.Timestamp.ToUnixTimeSeconds());
            switch (engineEvent)
            {
                case PreludeEvent e:
                    w.WriteStartObject("preludeEvent");
                    w.WriteStartObject("config");
                    foreach (var (key, value) in e.Config.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                    {
                        w.WriteString(key, value);
                    }

                    w.WriteEndObject();
                    w.WriteEndObject();
                    break;
                case ResourcePreEvent e:
                    w.WriteStartObject("resourcePreEvent");
                    WriteMetadata(w, e.Metadata);
                    w.WriteBoolean("planning", e.Planning);
                    w.WriteEndObject();
                    break;
                case ResourceOutputsEvent e:
                    w.WriteStartObject("resOutputsEvent");
                    WriteMetadata(w, e.Metadata);
                    w.WriteBoolean("planning", e.Planning);
                    w.WriteEndObject();
                    break;
                case ResourceOperationFailedEvent e:
                    w.WriteStartObject("resOpFailedEvent");
                    WriteMetadata(w, e.Metadata);
                    w.WriteNumber("status", 0);
                    w.WriteNumber("steps", 0);
                    w.WriteString("message", e.Message);
                    w.WriteEndObject();
                    break;
                case DiagnosticEvent e:
                    w.WriteStartObject("diagnosticEvent");
                    if (e.Urn is not null)
                    {
                        w.WriteString("urn", e.Urn.Value);
                    }

                    w.WriteString("message", e.Message + "\n");
                    w.WriteString("color", "never");
                    w.WriteString("severity", e.Severity.ToString().ToLowerInvariant());
                    if (e.Ephemeral)
                    {
                        w.WriteBoolean("ephemeral", true);
                    }

                    w.WriteEndObject();
                    break;
                case PolicyEvent e:
                    w.WriteStartObject("policyEvent");
                    if (e.ResourceUrn is not null)
                    {
                        w.WriteString("resourceUrn", e.ResourceUrn.Value);
                    }

                    w.WriteString("message", e.Message);
                    w.WriteString("color", "never");
                    w.WriteString("policyName", e.PolicyName);
                    w.WriteString("policyPackName", e.PolicyPackName);
                    w.WriteString("enforcementLevel", e.EnforcementLevel);
                    w.WriteEndObject();
                    break;
                case SummaryEvent e:
                    w.WriteStartObject("summaryEvent");
                    w.WriteBoolean("maybeCorrupt", e.MaybeCorrupt);
                    w.WriteNumber("durationSeconds", (long)Math.Round(e.DurationSeconds));
                    w.WriteStartObject("resourceChanges");
                    foreach (var (op, n) in e.ResourceChanges)
                    {
                        w.WriteNumber(op, n);
                    }

                    w.WriteEndObject();
                    w.WriteEndObject();
                    break;
                default:
                    w.WriteString("unknownEvent", engineEvent.GetType().Name);
                    break;
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteMetadata(Utf8JsonWriter w, StepEventMetadata m)
    {
        w.WriteStartObject("metadata");
        w.WriteString("op", m.OpName);
        w.WriteString("urn", m.Urn.Value);
        w.WriteString("type", m.Type);
        WriteState(w, "old", m.Old);
        WriteState(w, "new", m.New);
        WriteStrings(w, "keys", m.Keys);
        WriteStrings(w, "diffs", m.Diffs);
        w.WriteStartObject("detailedDiff");
        foreach (var (key, diff) in m.DetailedDiff)
        {
            w.WriteStartObject(key);
            w.WriteString("kind", Kebab(diff.Kind.ToString()));
            w.WriteBoolean("inputDiff", diff.InputDiff);
            if (diff.ReplaceReason is not null)
            {
                w.WriteString("replaceReason", diff.ReplaceReason);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteString("provider", m.Provider ?? string.Empty);
        w.WriteEndObject();
    }

    private static void WriteState(Utf8JsonWriter w, string name, StepEventStateMetadata? s)
    {
        if (s is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteString("type", s.Type);
        w.WriteString("urn", s.Urn.Value);
        w.WriteBoolean("custom", s.Custom);
        w.WriteString("id", s.Id ?? string.Empty);
        w.WriteString("parent", s.Parent?.Value ?? string.Empty);
        w.WriteBoolean("protect", s.Protect);
        w.WritePropertyName("inputs");
        WriteMap(w, s.Inputs);
        w.WritePropertyName("outputs");
        WriteMap(w, s.Outputs);
        w.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter w, PropertyMap map)
    {
        w.WriteStartObject();
        foreach (var (key, value) in map)
        {
            w.WritePropertyName(key);
            WriteValue(w, value);
        }

        w.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter w, PropertyValue v)
    {
        switch (v.Kind)
        {
            case PropertyValueKind.Null:
                w.WriteNullValue();
                break;
            case PropertyValueKind.Bool:
                w.WriteBooleanValue(v.AsBool());
                break;
            case PropertyValueKind.Number:
                w.WriteNumberValue(v.AsNumber());
                break;
            case PropertyValueKind.String:
                w.WriteStringValue(v.AsString());
                break;
            case PropertyValueKind.Unknown:
                w.WriteStringValue(PropertyValue.UnknownSentinel);
                break;
            case PropertyValueKind.Secret:
                w.WriteStringValue(SecretMask);
                break;
            case PropertyValueKind.Array:
                w.WriteStartArray();
                foreach (var item in v.AsArray())
                {
                    WriteValue(w, item);
                }

                w.WriteEndArray();
                break;
            case PropertyValueKind.Object:
                WriteMap(w, v.AsObject());
                break;
        }
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));
}
