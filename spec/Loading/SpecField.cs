using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Kubedos.Spec.Model;

namespace Kubedos.Spec.Loading;

/// <summary>One YAML field of a ClusterSpec model type, as the loader and the schema generator see it.</summary>
internal sealed record SpecField(string Name, PropertyInfo Property, bool Required, bool Destructive, string Description)
{
    public static SpecField From(PropertyInfo property) => new(
        char.ToLowerInvariant(property.Name[0]) + property.Name[1..],
        property,
        property.GetCustomAttribute<RequiredAttribute>() is not null,
        property.GetCustomAttribute<DestructiveFlagAttribute>() is not null,
        property.GetCustomAttribute<DescriptionAttribute>()?.Description ?? string.Empty);
}
