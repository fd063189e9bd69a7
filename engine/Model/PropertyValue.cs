using System.Collections.Immutable;
using System.Globalization;

namespace Kubedos.Engine.Model;

/// <summary>An immutable JSON-like value a resource takes or gives, which may also be unknown or secret.</summary>
/// <remarks>
/// Equality is structural: two values are equal when they hold equal data. A secret equals only
/// a secret over an equal value, so a value turning secret is a change.
/// </remarks>
public sealed class PropertyValue : IEquatable<PropertyValue>
{
    private readonly bool _bool;
    private readonly double _number;
    private readonly string? _string;
    private readonly ImmutableArray<PropertyValue> _array;
    private readonly PropertyMap? _object;
    private readonly PropertyValue? _secret;

    private PropertyValue(
        PropertyValueKind kind,
        bool boolean = false,
        double number = 0,
        string? text = null,
        ImmutableArray<PropertyValue> array = default,
        PropertyMap? obj = null,
        PropertyValue? secret = null)
    {
        Kind = kind;
        _bool = boolean;
        _number = number;
        _string = text;
        _array = array;
        _object = obj;
        _secret = secret;
    }

    /// <summary>The null value.</summary>
    public static PropertyValue Null { get; } = new(PropertyValueKind.Null);

    /// <summary>A value not known until the resource exists (Pulumi's unknown).</summary>
    public static PropertyValue Unknown { get; } = new(PropertyValueKind.Unknown);

    /// <summary>Pulumi's sentinel string for an unknown value on the wire.</summary>
    public const string UnknownSentinel = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    private static readonly PropertyValue True = new(PropertyValueKind.Bool, boolean: true);
    private static readonly PropertyValue False = new(PropertyValueKind.Bool, boolean: false);

    /// <summary>What this value holds.</summary>
    public PropertyValueKind Kind { get; }

    public bool IsNull => Kind == PropertyValueKind.Null;

    public bool IsUnknown => Kind == PropertyValueKind.Unknown;

    public bool IsSecret => Kind == PropertyValueKind.Secret;

    public static PropertyValue Of(bool value) => value ? True : False;

    public static PropertyValue Of(double value) => new(PropertyValueKind.Number, number: value);

    public static PropertyValue Of(string? value) =>
        value is null ? Null : new(PropertyValueKind.String, text: value);

    public static PropertyValue Of(PropertyMap value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(PropertyValueKind.Object, obj: value);
    }

    public static PropertyValue Of(IEnumerable<PropertyValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new(PropertyValueKind.Array, array: [.. items]);
    }

    public static PropertyValue Array(params PropertyValue[] items) => Of(items);

    /// <summary>Wraps a value as secret; a secret of a secret stays one secret.</summary>
    public static PropertyValue Secret(PropertyValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.IsSecret ? value : new(PropertyValueKind.Secret, secret: value);
    }

    public static implicit operator PropertyValue(string? value) => Of(value);

    public static implicit operator PropertyValue(bool value) => Of(value);

    public static implicit operator PropertyValue(double value) => Of(value);

    public static implicit operator PropertyValue(PropertyMap value) => Of(value);

    public bool AsBool() => Kind == PropertyValueKind.Bool ? _bool : throw WrongKind(PropertyValueKind.Bool);

    public double AsNumber() => Kind == PropertyValueKind.Number ? _number : throw WrongKind(PropertyValueKind.Number);

    public string AsString() => Kind == PropertyValueKind.String ? _string! : throw WrongKind(PropertyValueKind.String);

    public ImmutableArray<PropertyValue> AsArray() => Kind == PropertyValueKind.Array ? _array : throw WrongKind(PropertyValueKind.Array);

    public PropertyMap AsObject() => Kind == PropertyValueKind.Object ? _object! : throw WrongKind(PropertyValueKind.Object);

    /// <summary>The value a secret wraps.</summary>
    public PropertyValue SecretValue => Kind == PropertyValueKind.Secret ? _secret! : throw WrongKind(PropertyValueKind.Secret);

    /// <summary>This value with any outer secret wrapper removed.</summary>
    public PropertyValue Unwrapped => IsSecret ? _secret! : this;

    /// <summary>True when this value or anything inside it is unknown.</summary>
    public bool ContainsUnknowns => Kind switch
    {
        PropertyValueKind.Unknown => true,
        PropertyValueKind.Secret => _secret!.ContainsUnknowns,
        PropertyValueKind.Array => _array.Any(v => v.ContainsUnknowns),
        PropertyValueKind.Object => _object!.ContainsUnknowns,
        _ => false,
    };

    /// <summary>True when this value or anything inside it is secret.</summary>
    public bool ContainsSecrets => Kind switch
    {
        PropertyValueKind.Secret => true,
        PropertyValueKind.Array => _array.Any(v => v.ContainsSecrets),
        PropertyValueKind.Object => _object!.ContainsSecrets,
        _ => false,
    };

    /// <summary>This value with every secret wrapper inside it removed (for comparing plaintexts).</summary>
    public PropertyValue WithoutSecrets() => Kind switch
    {
        PropertyValueKind.Secret => _secret!.WithoutSecrets(),
        PropertyValueKind.Array when ContainsSecrets => Of(_array.Select(v => v.WithoutSecrets())),
        PropertyValueKind.Object when ContainsSecrets => Of(_object!.WithoutSecrets()),
        _ => this,
    };

    public bool Equals(PropertyValue? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Kind != Kind)
        {
            return false;
        }

        return Kind switch
        {
            PropertyValueKind.Null or PropertyValueKind.Unknown => true,
            PropertyValueKind.Bool => _bool == other._bool,
            PropertyValueKind.Number => _number.Equals(other._number),
            PropertyValueKind.String => string.Equals(_string, other._string, StringComparison.Ordinal),
            PropertyValueKind.Array => _array.SequenceEqual(other._array),
            PropertyValueKind.Object => _object!.Equals(other._object),
            PropertyValueKind.Secret => _secret!.Equals(other._secret),
            _ => false,
        };
    }

    public override bool Equals(object? obj) => Equals(obj as PropertyValue);

    public override int GetHashCode() => Kind switch
    {
        PropertyValueKind.Bool => HashCode.Combine(Kind, _bool),
        PropertyValueKind.Number => HashCode.Combine(Kind, _number),
        PropertyValueKind.String => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode(_string!)),
        PropertyValueKind.Array => _array.Aggregate((int)Kind, (h, v) => HashCode.Combine(h, v)),
        PropertyValueKind.Object => HashCode.Combine(Kind, _object),
        PropertyValueKind.Secret => HashCode.Combine(Kind, _secret),
        _ => (int)Kind,
    };

    public static bool operator ==(PropertyValue? left, PropertyValue? right) => Equals(left, right);

    public static bool operator !=(PropertyValue? left, PropertyValue? right) => !Equals(left, right);

    /// <summary>A short human form; secrets print as <c>[secret]</c> so they never leak through logs.</summary>
    public override string ToString() => Kind switch
    {
        PropertyValueKind.Null => "null",
        PropertyValueKind.Unknown => "(known after up)",
        PropertyValueKind.Secret => "[secret]",
        PropertyValueKind.Bool => _bool ? "true" : "false",
        PropertyValueKind.Number => _number.ToString("R", CultureInfo.InvariantCulture),
        PropertyValueKind.String => "\"" + _string + "\"",
        PropertyValueKind.Array => "[" + string.Join(", ", _array) + "]",
        PropertyValueKind.Object => _object!.ToString(),
        _ => Kind.ToString(),
    };

    private InvalidOperationException WrongKind(PropertyValueKind wanted) =>
        new($"The property value is {Kind}, not {wanted}.");
}
