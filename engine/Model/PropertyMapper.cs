using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;

namespace Kubedos.Engine.Model;

/// <summary>Maps typed records to and from <see cref="PropertyMap"/>s: camelCase names, <see cref="SecretAttribute"/> honoured.</summary>
/// <remarks>
/// Supported: string, bool, the numeric types, enums (by name), <see cref="DateTimeOffset"/> (ISO 8601),
/// byte arrays (base64), nullable forms, lists/arrays, string-keyed dictionaries, nested records or classes
/// (constructed through the constructor whose parameters match their properties, else init setters),
/// and <see cref="PropertyValue"/>/<see cref="PropertyMap"/> passed through. Null properties are omitted.
/// </remarks>
public static class PropertyMapper
{
    // A cache of reflected shapes: immutable facts about types, safe to share between deployments.
    private static readonly ConcurrentDictionary<Type, RecordShape> Shapes = new();

    /// <summary>The camelCase property name used for a CLR property name.</summary>
    public static string PropertyName(string clrName) =>
        string.IsNullOrEmpty(clrName) || char.IsLower(clrName[0])
            ? clrName
            : char.ToLowerInvariant(clrName[0]) + clrName[1..];

    /// <summary>Maps a record to a property map.</summary>
    public static PropertyMap ToMap<T>(T value)
        where T : class => ToMap(value, typeof(T));

    /// <summary>Maps an object of <paramref name="type"/> to a property map.</summary>
    public static PropertyMap ToMap(object value, Type type)
    {
        ArgumentNullException.ThrowIfNull(value);
        var shape = Shapes.GetOrAdd(type, t => new RecordShape(t));
        var pairs = new List<KeyValuePair<string, PropertyValue>>(shape.Members.Length);
        foreach (var member in shape.Members)
        {
            var raw = member.Property.GetValue(value);
            if (raw is null)
            {
                continue;
            }

            var mapped = ToValue(raw, member.Property.PropertyType);
            pairs.Add(KeyValuePair.Create(member.Name, member.Secret ? PropertyValue.Secret(mapped) : mapped));
        }

        return PropertyMap.From(pairs);
    }

    /// <summary>Maps a property map back to a record; secrets are unwrapped, unknowns are refused.</summary>
    public static T FromMap<T>(PropertyMap map)
        where T : class => (T)FromMap(map, typeof(T));

    /// <summary>Maps a property map back to an object of <paramref name="type"/>.</summary>
    public static object FromMap(PropertyMap map, Type type)
    {
        ArgumentNullException.ThrowIfNull(map);
        var shape = Shapes.GetOrAdd(type, t => new RecordShape(t));
        return shape.Construct(map);
    }

    /// <summary>Maps one CLR value to a property value.</summary>
    public static PropertyValue ToValue(object? raw, Type declared)
    {
        switch (raw)
        {
            case null:
                return PropertyValue.Null;
            case PropertyValue pv:
                return pv;
            case PropertyMap pm:
                return PropertyValue.Of(pm);
            case string s:
                return PropertyValue.Of(s);
            case bool b:
                return PropertyValue.Of(b);
            case Enum e:
                return PropertyValue.Of(e.ToString());
            case DateTimeOffset d:
                return PropertyValue.Of(d.ToString("O", CultureInfo.InvariantCulture));
            case byte[] bytes:
                return PropertyValue.Of(System.Convert.ToBase64String(bytes));
            case int or long or double or float or decimal or short or uint or ulong or ushort or byte:
                return PropertyValue.Of(System.Convert.ToDouble(raw, CultureInfo.InvariantCulture));
            case IDictionary dict:
                {
                    var pairs = new List<KeyValuePair<string, PropertyValue>>();
                    var valueType = DictionaryValueType(raw.GetType());
                    foreach (DictionaryEntry entry in dict)
                    {
                        pairs.Add(KeyValuePair.Create((string)entry.Key, ToValue(entry.Value, valueType)));
                    }

                    return PropertyValue.Of(PropertyMap.From(pairs));
                }

            case IEnumerable list:
                {
                    var itemType = ElementType(raw.GetType()) ?? typeof(object);
                    return PropertyValue.Of(list.Cast<object?>().Select(item => ToValue(item, itemType)).ToList());
                }

            default:
                return PropertyValue.Of(ToMap(raw, raw.GetType()));
        }
    }

    /// <summary>Maps one property value back to a CLR value of <paramref name="target"/>.</summary>
    public static object? FromValue(PropertyValue value, Type target, string path = "")
    {
        ArgumentNullException.ThrowIfNull(value);
        if (target == typeof(PropertyValue))
        {
            return value;
        }

        value = value.Unwrapped;
        if (value.IsUnknown)
        {
            throw new InvalidOperationException($"Property '{path}' is unknown; it is known only after up.");
        }

        var underlying = Nullable.GetUnderlyingType(target);
        if (value.IsNull)
        {
            return target.IsValueType && underlying is null ? Activator.CreateInstance(target) : null;
        }

        target = underlying ?? target;
        try
        {
            return Convert(value, target, path);
        }
        catch (InvalidOperationException ex) when (!ex.Message.StartsWith("Property '", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Property '{path}' cannot be read as {target.Name}: {ex.Message}", ex);
        }
    }

    private static object? Convert(PropertyValue value, Type target, string path)
    {
        if (target == typeof(PropertyMap))
        {
            return value.AsObject();
        }

        if (target == typeof(string))
        {
            return value.AsString();
        }

        if (target == typeof(bool))
        {
            return value.AsBool();
        }

        if (target.IsEnum)
        {
            return Enum.Parse(target, value.AsString(), ignoreCase: true);
        }

        if (target == typeof(DateTimeOffset))
        {
            return DateTimeOffset.Parse(value.AsString(), CultureInfo.InvariantCulture);
        }

        if (target == typeof(byte[]))
        {
            return System.Convert.FromBase64String(value.AsString());
        }

        if (target.IsPrimitive || target == typeof(decimal))
        {
            return System.Convert.ChangeType(value.AsNumber(), target, CultureInfo.InvariantCulture);
        }

        if (DictionaryValueTypeOrNull(target) is { } dictValueType)
        {
            var concrete = typeof(Dictionary<,>).MakeGenericType(typeof(string), dictValueType);
            var dict = (IDictionary)Activator.CreateInstance(concrete, StringComparer.Ordinal)!;
            foreach (var (key, item) in value.AsObject())
            {
                dict[key] = FromValue(item, dictValueType, $"{path}.{key}");
            }

            return target.IsAssignableFrom(concrete) ? dict : ToImmutableDictionary(dict, dictValueType);
        }

        if (ElementType(target) is { } itemType)
        {
            var items = value.AsArray();
            var array = System.Array.CreateInstance(itemType, items.Length);
            for (var i = 0; i < items.Length; i++)
            {
                array.SetValue(FromValue(items[i], itemType, $"{path}[{i}]"), i);
            }

            if (target.IsAssignableFrom(array.GetType()))
            {
                return array;
            }

            if (target.IsGenericType && target.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
            {
                var create = typeof(ImmutableArray).GetMethods()
                    .First(m => m.Name == nameof(ImmutableArray.Create) && m.GetParameters() is [{ ParameterType.IsArray: true }])
                    .MakeGenericMethod(itemType);
                return create.Invoke(null, [array]);
            }

            return Activator.CreateInstance(typeof(List<>).MakeGenericType(itemType), array);
        }

        return FromMap(value.AsObject(), target);
    }

    private static object ToImmutableDictionary(IDictionary dict, Type valueType)
    {
        var method = typeof(ImmutableDictionary).GetMethods()
            .First(m => m.Name == nameof(ImmutableDictionary.ToImmutableDictionary) && m.GetParameters().Length == 1
                && m.GetGenericArguments().Length == 2)
            .MakeGenericMethod(typeof(string), valueType);
        return method.Invoke(null, [dict])!;
    }

    private static Type DictionaryValueType(Type type) => DictionaryValueTypeOrNull(type) ?? typeof(object);

    private static Type? DictionaryValueTypeOrNull(Type type)
    {
        var candidates = type.IsInterface ? type.GetInterfaces().Append(type) : type.GetInterfaces();
        foreach (var i in candidates)
        {
            if (i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)
                && i.GetGenericArguments()[0] == typeof(string))
            {
                return i.GetGenericArguments()[1];
            }
        }

        return null;
    }

    private static Type? ElementType(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var candidates = type.IsInterface ? type.GetInterfaces().Append(type) : type.GetInterfaces();
        return candidates.FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0];
    }

    private sealed record Member(PropertyInfo Property, string Name, bool Secret);

    private sealed class RecordShape
    {
        private readonly Type _type;
        private readonly ConstructorInfo? _constructor;

        public RecordShape(Type type)
        {
            _type = type;
            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
                .ToArray();
            var constructors = type.GetConstructors()
                .Where(c => c.GetParameters().Length > 0
                    && c.GetParameters().All(p => properties.Any(prop => string.Equals(prop.Name, p.Name, StringComparison.OrdinalIgnoreCase))))
                .OrderByDescending(c => c.GetParameters().Length)
                .ToArray();
            _constructor = constructors.FirstOrDefault();
            var parameters = _constructor?.GetParameters() ?? [];
            Members = [.. properties.Select(p => new Member(
                p,
                PropertyMapper.PropertyName(p.Name),
                p.GetCustomAttribute<SecretAttribute>() is not null
                    || parameters.Any(par => string.Equals(par.Name, p.Name, StringComparison.OrdinalIgnoreCase)
                        && par.GetCustomAttribute<SecretAttribute>() is not null)))];
        }

        public ImmutableArray<Member> Members { get; }

        public object Construct(PropertyMap map)
        {
            object instance;
            var assigned = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (_constructor is not null)
            {
                var parameters = _constructor.GetParameters();
                var args = new object?[parameters.Length];
                for (var i = 0; i < parameters.Length; i++)
                {
                    var member = Members.First(m => string.Equals(m.Property.Name, parameters[i].Name, StringComparison.OrdinalIgnoreCase));
                    args[i] = map.TryGetValue(member.Name, out var v)
                        ? FromValue(v, parameters[i].ParameterType, member.Name)
                        : parameters[i].HasDefaultValue ? parameters[i].DefaultValue : FromValue(PropertyValue.Null, parameters[i].ParameterType, member.Name);
                    assigned.Add(member.Property.Name);
                }

                instance = _constructor.Invoke(args);
            }
            else
            {
                instance = Activator.CreateInstance(_type)
                    ?? throw new InvalidOperationException($"{_type.Name} has no usable constructor.");
            }

            foreach (var member in Members)
            {
                if (!assigned.Contains(member.Property.Name) && member.Property.CanWrite && map.TryGetValue(member.Name, out var v))
                {
                    member.Property.SetValue(instance, FromValue(v, member.Property.PropertyType, member.Name));
                }
            }

            return instance;
        }
    }
}
