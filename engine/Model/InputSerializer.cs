using System.Collections;
using System.Collections.Immutable;
using System.Reflection;

namespace Kubedos.Engine.Model;

/// <summary>Turns typed args (plain values, inputs, outputs, nested args, lists, maps) into a <see cref="PropertyMap"/>, awaiting outputs.</summary>
internal static class InputSerializer
{
    public static async Task<SerializedInputs> SerializeArgsAsync(ResourceArgs args)
    {
        var pairs = new List<KeyValuePair<string, PropertyValue>>();
        var all = ImmutableHashSet<Resource>.Empty;
        var byProperty = ImmutableSortedDictionary.CreateBuilder<string, ImmutableHashSet<Resource>>(StringComparer.Ordinal);
        foreach (var property in args.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var raw = property.GetValue(args);
            if (raw is null)
            {
                continue;
            }

            var name = property.GetCustomAttribute<InputAttribute>()?.Name ?? PropertyMapper.PropertyName(property.Name);
            var deps = new HashSet<Resource>();
            var value = await SerializeValueAsync(raw, property.PropertyType, deps, name).ConfigureAwait(false);
            if (property.GetCustomAttribute<SecretAttribute>() is not null)
            {
                value = PropertyValue.Secret(value);
            }

            pairs.Add(KeyValuePair.Create(name, value));
            if (deps.Count > 0)
            {
                byProperty[name] = [.. deps];
                all = all.Union(deps);
            }
        }

        return new SerializedInputs(PropertyMap.From(pairs), all, byProperty.ToImmutable());
    }

    /// <summary>Serialises any value a program hands the engine (also component and stack outputs).</summary>
    public static async Task<PropertyValue> SerializeValueAsync(object? raw, Type declared, HashSet<Resource> deps, string path)
    {
        switch (raw)
        {
            case null:
                return PropertyValue.Null;
            case IInput input:
                {
                    var data = await input.GetDataAsync().ConfigureAwait(false);
                    deps.UnionWith(data.Resources);
                    var inner = data.IsKnown ? await SerializeValueAsync(data.Value, input.ValueType, deps, path).ConfigureAwait(false) : PropertyValue.Unknown;
                    return data.IsSecret ? PropertyValue.Secret(inner) : inner;
                }

            case ResourceArgs nested:
                {
                    var serialized = await SerializeArgsAsync(nested).ConfigureAwait(false);
                    deps.UnionWith(serialized.Dependencies);
                    return PropertyValue.Of(serialized.Inputs);
                }

            case PropertyValue or PropertyMap or string:
                return PropertyMapper.ToValue(raw, declared);
            case IDictionary dict:
                {
                    var pairs = new List<KeyValuePair<string, PropertyValue>>();
                    foreach (DictionaryEntry entry in dict)
                    {
                        var key = (string)entry.Key;
                        pairs.Add(KeyValuePair.Create(key, await SerializeValueAsync(entry.Value, typeof(object), deps, $"{path}.{key}").ConfigureAwait(false)));
                    }

                    return PropertyValue.Of(PropertyMap.From(pairs));
                }

            case IEnumerable list when raw is not byte[]:
                {
                    var items = new List<PropertyValue>();
                    var i = 0;
                    foreach (var item in list)
                    {
                        items.Add(await SerializeValueAsync(item, typeof(object), deps, $"{path}[{i++}]").ConfigureAwait(false));
                    }

                    return PropertyValue.Of(items);
                }

            default:
                return PropertyMapper.ToValue(raw, declared);
        }
    }
}
