using Kubedos.Engine.Model;

namespace Kubedos.Policies;

/// <summary>Tolerant reads of resource inputs: a secret is read through, an unknown (preview) or missing value reads as null.</summary>
internal static class PolicyValues
{
    public static PropertyValue? Get(PropertyMap? inputs, string key) =>
        inputs?.GetOrDefault(key) is { } value ? Known(value) : null;

    public static string? String(PropertyMap? inputs, string key) => AsString(Get(inputs, key));

    public static bool? Bool(PropertyMap? inputs, string key) => AsBool(Get(inputs, key));

    public static string? AsString(PropertyValue? value) =>
        value is { } v && Known(v) is { Kind: PropertyValueKind.String } s ? s.AsString() : null;

    public static bool? AsBool(PropertyValue? value) =>
        value is { } v && Known(v) is { Kind: PropertyValueKind.Bool } b ? b.AsBool() : null;

    public static double? AsNumber(PropertyValue? value) =>
        value is { } v && Known(v) is { Kind: PropertyValueKind.Number } n ? n.AsNumber() : null;

    public static PropertyMap? AsObject(PropertyValue? value) =>
        value is { } v && Known(v) is { Kind: PropertyValueKind.Object } o ? o.AsObject() : null;

    public static IReadOnlyList<PropertyValue> AsArray(PropertyValue? value) =>
        value is { } v && Known(v) is { Kind: PropertyValueKind.Array } a ? [.. a.AsArray().Select(x => x.Unwrapped)] : [];

    public static IReadOnlyList<string> Strings(PropertyValue? value) =>
        [.. AsArray(value).Select(AsString).OfType<string>()];

    private static PropertyValue? Known(PropertyValue value)
    {
        var plain = value.Unwrapped;
        return plain.IsUnknown || plain.IsNull ? null : plain;
    }
}
