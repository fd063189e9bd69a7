using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Serialization;

namespace Kubedos.Spec.Loading;

/// <summary>
/// What a model type looks like in YAML: the fields of a record, the names of an enum, or the
/// element of a list or map. Computed once per type; the loader and the schema generator share it.
/// </summary>
internal sealed class SpecShape
{
    private static readonly ConcurrentDictionary<Type, SpecShape> Cache = new();

    private SpecShape(Type type)
    {
        Type = type;
        var underlying = Nullable.GetUnderlyingType(type);
        IsNullable = underlying is not null || !type.IsValueType;
        var core = underlying ?? type;
        Core = core;

        if (core.IsEnum)
        {
            Kind = SpecShapeKind.Enum;
            EnumNames = core.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(f => (f.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? f.Name, f.GetValue(null)!))
                .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
        }
        else if (core == typeof(string))
        {
            Kind = SpecShapeKind.String;
        }
        else if (core == typeof(int))
        {
            Kind = SpecShapeKind.Integer;
        }
        else if (core == typeof(bool))
        {
            Kind = SpecShapeKind.Boolean;
        }
        else if (core.IsGenericType && core.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            Kind = SpecShapeKind.List;
            Element = core.GetGenericArguments()[0];
        }
        else if (core.IsGenericType && core.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            Kind = SpecShapeKind.Map;
            Element = core.GetGenericArguments()[1];
        }
        else if (core.IsClass && core.GetConstructor(Type.EmptyTypes) is not null)
        {
            Kind = SpecShapeKind.Record;
            Fields = core.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite && p.DeclaringType == core)
                .Select(SpecField.From)
                .ToArray();
        }
        else
        {
            throw new InvalidOperationException($"ClusterSpec model type {core.Name} has no YAML shape");
        }
    }

    public Type Type { get; }

    /// <summary>The type without its Nullable wrapper.</summary>
    public Type Core { get; }

    public bool IsNullable { get; }

    public SpecShapeKind Kind { get; }

    /// <summary>Fields of a record, in declaration order.</summary>
    public IReadOnlyList<SpecField> Fields { get; } = [];

    /// <summary>YAML names of an enum's values.</summary>
    public IReadOnlyDictionary<string, object> EnumNames { get; } = new Dictionary<string, object>();

    /// <summary>Element type of a list, or value type of a map.</summary>
    public Type? Element { get; }

    public static SpecShape Of(Type type) => Cache.GetOrAdd(type, static t => new SpecShape(t));
}
