using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubedos.Engine.Model;
using Kubedos.Engine.Secrets;

namespace Kubedos.Engine.State;

/// <summary>Reads and writes checkpoints in Pulumi's deployment v3 JSON; secrets are sealed with the stack's secrets provider.</summary>
internal sealed class CheckpointJson(ISecretsProvider? secrets)
{
    private readonly CheckpointPropertyJson _values = new(secrets);

    public void WriteMap(Utf8JsonWriter w, PropertyMap map) => _values.WriteMap(w, map);

    public PropertyMap ReadMap(JsonElement e) => _values.ReadMap(e);

    /// <summary>The stack file: <c>{version: 3, checkpoint: {stack, latest: deployment}}</c>.</summary>
    public byte[] SerializeStackFile(string stack, Checkpoint checkpoint)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, SkipValidation = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("version", Checkpoint.Version);
            w.WriteStartObject("checkpoint");
            w.WriteString("stack", stack);
            w.WritePropertyName("latest");
            WriteDeployment(w, checkpoint);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The export form: <c>{version: 3, deployment: {...}}</c>.</summary>
    public string SerializeExport(Checkpoint checkpoint)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, SkipValidation = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("version", Checkpoint.Version);
            w.WritePropertyName("deployment");
            WriteDeployment(w, checkpoint);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public Checkpoint DeserializeStackFile(ReadOnlySpan<byte> json, string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            var root = doc.RootElement;
            CheckVersion(root, path);
            var latest = root.GetProperty("checkpoint").TryGetProperty("latest", out var l) && l.ValueKind == JsonValueKind.Object ? l : default;
            return latest.ValueKind == JsonValueKind.Object ? ReadDeployment(latest) : Checkpoint.Empty(DateTimeOffset.UnixEpoch);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new StateException($"{path}: not a readable checkpoint: {ex.Message}", ex);
        }
    }

    public Checkpoint DeserializeExport(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            CheckVersion(root, "import");
            return ReadDeployment(root.GetProperty("deployment"));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new StateException($"the imported deployment is not readable: {ex.Message}", ex);
        }
    }

    public void WriteDeployment(Utf8JsonWriter w, Checkpoint checkpoint)
    {
        w.WriteStartObject();
        w.WriteStartObject("manifest");
        w.WriteString("time", checkpoint.Manifest.Time.ToString("O", CultureInfo.InvariantCulture));
        w.WriteString("magic", checkpoint.Manifest.Magic);
        w.WriteString("version", checkpoint.Manifest.Version);
        w.WriteEndObject();
        if (checkpoint.SecretsProviders is { } sp)
        {
            w.WriteStartObject("secrets_providers");
            w.WriteString("type", sp.Type);
            if (sp.State is not null)
            {
                w.WritePropertyName("state");
                sp.State.WriteTo(w);
            }

            w.WriteEndObject();
        }

        w.WriteStartArray("resources");
        foreach (var r in checkpoint.Resources)
        {
            WriteResource(w, r);
        }

        w.WriteEndArray();
        if (!checkpoint.PendingOperations.IsEmpty)
        {
            w.WriteStartArray("pending_operations");
            foreach (var op in checkpoint.PendingOperations)
            {
                w.WriteStartObject();
                w.WritePropertyName("resource");
                WriteResource(w, op.Resource);
                w.WriteString("type", KindName(op.Kind));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    public Checkpoint ReadDeployment(JsonElement e)
    {
        var manifest = e.TryGetProperty("manifest", out var m)
            ? new CheckpointManifest(
                DateTimeOffset.Parse(m.GetProperty("time").GetString()!, CultureInfo.InvariantCulture),
                m.TryGetProperty("magic", out var magic) ? magic.GetString() ?? string.Empty : string.Empty,
                m.TryGetProperty("version", out var ver) ? ver.GetString() ?? string.Empty : string.Empty)
            : CheckpointManifest.At(DateTimeOffset.UnixEpoch);
        SecretsProviderState? sp = null;
        if (e.TryGetProperty("secrets_providers", out var spe) && spe.ValueKind == JsonValueKind.Object)
        {
            sp = new SecretsProviderState(
                spe.GetProperty("type").GetString()!,
                spe.TryGetProperty("state", out var st) && st.ValueKind == JsonValueKind.Object ? JsonNode.Parse(st.GetRawText())!.AsObject() : null);
        }

        var resources = ImmutableList.CreateBuilder<ResourceState>();
        if (e.TryGetProperty("resources", out var rs) && rs.ValueKind == JsonValueKind.Array)
        {
            foreach (var r in rs.EnumerateArray())
            {
                resources.Add(ReadResource(r));
            }
        }

        var pending = ImmutableList.CreateBuilder<PendingOperation>();
        if (e.TryGetProperty("pending_operations", out var ps) && ps.ValueKind == JsonValueKind.Array)
        {
            foreach (var p in ps.EnumerateArray())
            {
                pending.Add(new PendingOperation(ReadResource(p.GetProperty("resource")), ParseKind(p.GetProperty("type").GetString()!)));
            }
        }

        return new Checkpoint(manifest, sp, resources.ToImmutable(), pending.ToImmutable());
    }

    public void WriteResource(Utf8JsonWriter w, ResourceState r)
    {
        w.WriteStartObject();
        w.WriteString("urn", r.Urn.Value);
        w.WriteBoolean("custom", r.Custom);
        if (r.Delete)
        {
            w.WriteBoolean("delete", true);
        }

        if (r.Id is not null)
        {
            w.WriteString("id", r.Id);
        }

        w.WriteString("type", r.Type);
        w.WritePropertyName("inputs");
        WriteMap(w, r.Inputs);
        w.WritePropertyName("outputs");
        WriteMap(w, r.Outputs);
        if (r.Parent is not null)
        {
            w.WriteString("parent", r.Parent.Value);
        }

        if (r.Protect)
        {
            w.WriteBoolean("protect", true);
        }

        if (r.RetainOnDelete)
        {
            w.WriteBoolean("retainOnDelete", true);
        }

        WriteUrns(w, "dependencies", r.Dependencies);
        if (r.PropertyDependencies.Count > 0)
        {
            w.WriteStartObject("propertyDependencies");
            foreach (var (key, urns) in r.PropertyDependencies)
            {
                WriteUrns(w, key, urns, always: true);
            }

            w.WriteEndObject();
        }

        if (r.Provider is not null)
        {
            w.WriteString("provider", r.Provider);
        }

        if (r.PendingReplacement)
        {
            w.WriteBoolean("pendingReplacement", true);
        }

        if (r.CustomTimeouts is { } t)
        {
            w.WriteStartObject("customTimeouts");
            WriteSeconds(w, "create", t.Create);
            WriteSeconds(w, "update", t.Update);
            WriteSeconds(w, "delete", t.Delete);
            w.WriteEndObject();
        }

        if (r.Created is { } created)
        {
            w.WriteString("created", created.ToString("O", CultureInfo.InvariantCulture));
        }

        if (r.Modified is { } modified)
        {
            w.WriteString("modified", modified.ToString("O", CultureInfo.InvariantCulture));
        }

        WriteStrings(w, "ignoreChanges", r.IgnoreChanges);
        WriteStrings(w, "replaceOnChanges", r.ReplaceOnChanges);
        WriteStrings(w, "additionalSecretOutputs", r.AdditionalSecretOutputs);
        if (r.SourcePosition is { } source)
        {
            w.WriteString("sourcePosition", SourcePositionUri.Format(source));
        }

        w.WriteEndObject();
    }

    public ResourceState ReadResource(JsonElement e)
    {
        var urn = Urn.Parse(e.GetProperty("urn").GetString()!);
        var state = new ResourceState(urn, e.GetProperty("type").GetString()!, Bool(e, "custom"))
        {
            Id = e.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString()!.Length > 0 ? id.GetString() : null,
            Inputs = e.TryGetProperty("inputs", out var i) ? ReadMap(i) : PropertyMap.Empty,
            Outputs = e.TryGetProperty("outputs", out var o) ? ReadMap(o) : PropertyMap.Empty,
            Parent = e.TryGetProperty("parent", out var p) && p.ValueKind == JsonValueKind.String ? Urn.Parse(p.GetString()!) : null,
            Delete = Bool(e, "delete"),
            Protect = Bool(e, "protect"),
            RetainOnDelete = Bool(e, "retainOnDelete"),
            Dependencies = ReadUrns(e, "dependencies"),
            Provider = e.TryGetProperty("provider", out var prov) ? prov.GetString() : null,
            PendingReplacement = Bool(e, "pendingReplacement"),
            Created = ReadTime(e, "created"),
            Modified = ReadTime(e, "modified"),
            IgnoreChanges = ReadStrings(e, "ignoreChanges"),
            ReplaceOnChanges = ReadStrings(e, "replaceOnChanges"),
            AdditionalSecretOutputs = ReadStrings(e, "additionalSecretOutputs"),
            SourcePosition = e.TryGetProperty("sourcePosition", out var position) && position.ValueKind == JsonValueKind.String ? SourcePositionUri.Parse(position.GetString()!) : null,
        };
        if (e.TryGetProperty("propertyDependencies", out var pd) && pd.ValueKind == JsonValueKind.Object)
        {
            state = state with
            {
                PropertyDependencies = pd.EnumerateObject().ToImmutableSortedDictionary(
                    x => x.Name, x => x.Value.EnumerateArray().Select(u => Urn.Parse(u.GetString()!)).ToImmutableArray(), StringComparer.Ordinal),
            };
        }

        if (e.TryGetProperty("customTimeouts", out var ct) && ct.ValueKind == JsonValueKind.Object)
        {
            state = state with { CustomTimeouts = new CustomTimeouts(Seconds(ct, "create"), Seconds(ct, "update"), Seconds(ct, "delete")) };
        }

        return state;
    }

    private static void CheckVersion(JsonElement root, string path)
    {
        var version = root.TryGetProperty("version", out var v) ? v.GetInt32() : 0;
        if (version != Checkpoint.Version)
        {
            throw new StateException($"{path}: checkpoint version {version} is not supported (this engine reads version {Checkpoint.Version})");
        }
    }

    private static void WriteUrns(Utf8JsonWriter w, string name, ImmutableArray<Urn> urns, bool always = false)
    {
        if (urns.IsDefaultOrEmpty && !always)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var u in urns.IsDefault ? [] : urns)
        {
            w.WriteStringValue(u.Value);
        }

        w.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, ImmutableArray<string> values)
    {
        if (values.IsDefaultOrEmpty)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var s in values)
        {
            w.WriteStringValue(s);
        }

        w.WriteEndArray();
    }

    private static void WriteSeconds(Utf8JsonWriter w, string name, TimeSpan? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v.TotalSeconds);
        }
    }

    private static TimeSpan? Seconds(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.GetDouble() > 0 ? TimeSpan.FromSeconds(v.GetDouble()) : null;

    private static bool Bool(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static DateTimeOffset? ReadTime(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? DateTimeOffset.Parse(v.GetString()!, CultureInfo.InvariantCulture) : null;

    private static ImmutableArray<Urn> ReadUrns(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? [.. v.EnumerateArray().Select(u => Urn.Parse(u.GetString()!))] : [];

    private static ImmutableArray<string> ReadStrings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? [.. v.EnumerateArray().Select(u => u.GetString()!)] : [];

    internal static string KindName(PendingOperationKind kind) => kind switch
    {
        PendingOperationKind.Creating => "creating",
        PendingOperationKind.Updating => "updating",
        PendingOperationKind.Deleting => "deleting",
        _ => "reading",
    };

    internal static PendingOperationKind ParseKind(string text) => text switch
    {
        "creating" => PendingOperationKind.Creating,
        "updating" => PendingOperationKind.Updating,
        "deleting" => PendingOperationKind.Deleting,
        "reading" => PendingOperationKind.Reading,
        _ => throw new FormatException($"unknown pending operation type '{text}'"),
    };
}
