using Kubedos.Engine.Model;

namespace Kubedos.Providers.Command;

/// <summary>Reads command inputs that may be secret, and collects the secret values for redaction.</summary>
/// <remarks>
/// Command inputs stay <see cref="PropertyValue"/>s in the input records so the secret flag of every
/// value (a password interpolated into a command, one secret environment variable) survives until
/// the redactor has seen it.
/// </remarks>
internal static class SecretInputs
{
    /// <summary>The plain string of a (possibly secret) string value; null for null.</summary>
    public static string? Text(PropertyValue? value, string property)
    {
        if (value is null)
        {
            return null;
        }

        var plain = value.Unwrapped;
        return plain.Kind switch
        {
            PropertyValueKind.Null => null,
            PropertyValueKind.String => plain.AsString(),
            _ => throw new ArgumentException($"{property} must be a string"),
        };
    }

    /// <summary>The environment as plain strings (an object of string values; the object or any value may be secret).</summary>
    public static IReadOnlyDictionary<string, string> Environment(PropertyValue? value)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (value is null || value.Unwrapped.IsNull)
        {
            return result;
        }

        if (value.Unwrapped.Kind != PropertyValueKind.Object)
        {
            throw new ArgumentException("environment must be an object of strings");
        }

        foreach (var (name, item) in value.Unwrapped.AsObject())
        {
            result[name] = Text(item, $"environment.{name}") ?? string.Empty;
        }

        return result;
    }

    /// <summary>Every string that sits under a secret marker anywhere in <paramref name="values"/>.</summary>
    public static IEnumerable<string> Secrets(params PropertyValue?[] values) =>
        values.Where(v => v is not null).SelectMany(v => Collect(v!, underSecret: false));

    /// <summary>True when any of the values holds a secret.</summary>
    public static bool AnySecret(params PropertyValue?[] values) => values.Any(v => v is not null && v.ContainsSecrets);

    private static IEnumerable<string> Collect(PropertyValue value, bool underSecret) => value.Kind switch
    {
        PropertyValueKind.Secret => Collect(value.SecretValue, underSecret: true),
        PropertyValueKind.String when underSecret => [value.AsString()],
        PropertyValueKind.Array => value.AsArray().SelectMany(v => Collect(v, underSecret)),
        PropertyValueKind.Object => value.AsObject().Values.SelectMany(v => Collect(v, underSecret)),
        _ => [],
    };
}
