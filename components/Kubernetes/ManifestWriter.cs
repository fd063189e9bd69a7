using k8s;
using k8s.Models;
using YamlDotNet.Serialization;

namespace Kubedos.Components.Kubernetes;

/// <summary>
/// Turns typed objects into the files of <c>out/&lt;stack&gt;/kubernetes/</c>, laid out as Pulumi.Kubernetes's
/// <c>renderYamlToDirectory</c> lays them out: a CustomResourceDefinition in <c>0-crd/</c>, every other object in
/// <c>1-manifest/</c>, named <c>&lt;apiVersion&gt;-&lt;kind&gt;-&lt;namespace&gt;-&lt;name&gt;.yaml</c> (the apiVersion's '/' and ':' made '_',
/// the kind lowercase, <c>default</c> for a cluster-scoped object). Pure: the same objects give the same bytes.
/// </summary>
/// <remarks>
/// Kubernetes objects go through the KubernetesClient's own serialiser (<see cref="KubernetesYaml"/>), and every file
/// is read back strictly before it is handed out, so a model that would not survive the trip fails the render,
/// not the apply. Other YAML (Helm values, kubeadm configurations) is a typed record serialised under the names
/// its <see cref="YamlMemberAttribute"/> aliases give, and read back as strictly.
/// </remarks>
internal static class ManifestWriter
{
    public const string CrdFolder = "0-crd";
    public const string ManifestFolder = "1-manifest";

    private static readonly ISerializer DocumentSerializer = new SerializerBuilder()
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .DisableAliases()
        .Build();

    // No IgnoreUnmatchedProperties: a field the record does not declare is an error, as KubernetesYaml's strict mode makes it.
    private static readonly IDeserializer StrictDocumentDeserializer = new DeserializerBuilder().Build();

    /// <summary>The file of one Kubernetes object.</summary>
    /// <exception cref="InvalidOperationException">The object has no apiVersion, kind or name, or does not read back as itself.</exception>
    public static ManifestFile Manifest<T>(T manifest)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var content = KubernetesYaml.Serialize(manifest) + "\n";
        var back = ReadManifests(content);
        if (back.Count != 1 || back[0].GetType() != typeof(T))
        {
            throw new InvalidOperationException($"{PathOf(manifest)} does not read back as one {typeof(T).Name}");
        }

        return new ManifestFile(PathOf(manifest), content, manifest.Kind);
    }

    /// <summary>A YAML document that is not a Kubernetes object (Helm values, a kubeadm configuration) at <paramref name="path"/>.</summary>
    public static ManifestFile Document<T>(string path, T document)
        where T : class
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(document);
        var content = DocumentSerializer.Serialize(document);
        _ = ReadDocument<T>(content);
        return new ManifestFile(path, content);
    }

    /// <summary>
    /// Reads rendered Kubernetes YAML into the typed models strictly: a field the model does not know, or an
    /// apiVersion/kind the KubernetesClient has no model for, throws.
    /// </summary>
    public static IReadOnlyList<object> ReadManifests(string yaml) => KubernetesYaml.LoadAllFromString(yaml, typeMap: null, strict: true);

    /// <summary>Reads a rendered document back into <typeparamref name="T"/> strictly (an undeclared field throws).</summary>
    public static T ReadDocument<T>(string yaml)
        where T : class =>
        StrictDocumentDeserializer.Deserialize<T>(yaml) ?? throw new InvalidOperationException($"the document is empty, not a {typeof(T).Name}");

    /// <summary>Where Pulumi's renderYamlToDirectory puts <paramref name="manifest"/>.</summary>
    public static string PathOf(IKubernetesObject<V1ObjectMeta> manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (string.IsNullOrEmpty(manifest.ApiVersion) || string.IsNullOrEmpty(manifest.Kind) || string.IsNullOrEmpty(manifest.Metadata?.Name))
        {
            throw new InvalidOperationException($"a manifest needs apiVersion, kind and metadata.name (got '{manifest.ApiVersion}', '{manifest.Kind}', '{manifest.Metadata?.Name}')");
        }

        var ns = string.IsNullOrEmpty(manifest.Metadata.NamespaceProperty) ? "default" : manifest.Metadata.NamespaceProperty;
        var file = $"{manifest.ApiVersion.Replace('/', '_').Replace(':', '_')}-{manifest.Kind.ToLowerInvariant()}-{ns}-{manifest.Metadata.Name}.yaml";
        return $"{(manifest.Kind == V1CustomResourceDefinition.KubeKind ? CrdFolder : ManifestFolder)}/{file}";
    }
}
