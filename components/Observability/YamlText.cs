using YamlDotNet.Serialization;

namespace Kubedos.Components.Observability;

/// <summary>Renders nested dictionaries and lists as YAML (keys in insertion order), so no renderer quotes values by hand.</summary>
internal static class YamlText
{
    private static readonly ISerializer Serializer = new SerializerBuilder().DisableAliases().Build();

    public static string Render(object document) => Serializer.Serialize(document);
}
