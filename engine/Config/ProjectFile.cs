using System.Collections.Immutable;
using YamlDotNet.RepresentationModel;

namespace Kubedos.Engine.Config;

/// <summary><c>Pulumi.yaml</c>: the project's name, runtime, description, backend URL and declared config.</summary>
/// <remarks>
/// Fields Kubedos does not use (template, options, plugins, ...) are kept as loaded and written back unchanged.
/// </remarks>
public sealed class ProjectFile
{
    /// <summary>The project file's name in the project directory.</summary>
    public const string FileName = "Pulumi.yaml";

    private readonly YamlMappingNode root;

    private ProjectFile(YamlMappingNode root, string name, string runtime, string? description, string? backendUrl, ImmutableArray<ProjectConfigType> config)
    {
        this.root = root;
        Name = name;
        Runtime = runtime;
        Description = description;
        BackendUrl = backendUrl;
        Config = config;
    }

    /// <summary>The project name; also the default config namespace and the URN's project part.</summary>
    public string Name { get; }

    /// <summary>The runtime name (<c>runtime: dotnet</c> or <c>runtime: {name: dotnet, ...}</c>).</summary>
    public string Runtime { get; }

    /// <summary>The description, when there is one.</summary>
    public string? Description { get; }

    /// <summary><c>backend.url</c> (e.g. <c>file://.kubedos</c>), when set; <c>KUBEDOS_BACKEND_URL</c> overrides it at run time.</summary>
    public string? BackendUrl { get; }

    /// <summary>Config keys the project declares.</summary>
    public ImmutableArray<ProjectConfigType> Config { get; }

    /// <summary>A new project file.</summary>
    public static ProjectFile Create(string name, string runtime, string? description = null, string? backendUrl = null)
    {
        ValidateName(name, null, null);
        ArgumentException.ThrowIfNullOrEmpty(runtime);
        var root = new YamlMappingNode
        {
            { "name", YamlValues.Scalar(name) },
            { "runtime", YamlValues.Scalar(runtime) },
        };
        var file = new ProjectFile(root, name, runtime, null, null, []);
        return file.WithDescription(description).WithBackendUrl(backendUrl);
    }

    /// <summary>Loads <paramref name="path"/> (a <c>Pulumi.yaml</c>).</summary>
    /// <exception cref="ConfigException">The file is unreadable, not YAML, or lacks name or runtime; carries the file and line.</exception>
    public static ProjectFile Load(string path)
    {
        var root = YamlValues.LoadMapping(path);
        var name = RequiredText(root, "name", path);
        ValidateName(name, path, YamlValues.Line(YamlValues.Child(root, "name")!));

        var runtimeNode = YamlValues.Child(root, "runtime")
            ?? throw new ConfigException(path, null, null, "missing 'runtime'");
        var runtime = runtimeNode switch
        {
            YamlScalarNode { Value: { Length: > 0 } text } => text,
            YamlMappingNode m when YamlValues.Child(m, "name") is YamlScalarNode { Value: { Length: > 0 } text } => text,
            _ => throw new ConfigException(path, YamlValues.Line(runtimeNode), null, "'runtime' must be a name or {name: ..., options: ...}"),
        };

        var description = OptionalText(root, "description", path);
        string? backendUrl = null;
        if (YamlValues.Child(root, "backend") is { } backend)
        {
            backendUrl = backend is YamlMappingNode b
                ? OptionalText(b, "url", path)
                : throw new ConfigException(path, YamlValues.Line(backend), null, "'backend' must be a mapping with 'url'");
        }

        var config = YamlValues.Child(root, "config") switch
        {
            null => [],
            YamlMappingNode c => ReadConfig(c, name, path),
            var other => throw new ConfigException(path, YamlValues.Line(other), null, "'config' must be a mapping of keys"),
        };

        return new ProjectFile(root, name, runtime, description, backendUrl, config);
    }

    /// <summary>A copy with <paramref name="description"/> (null removes it).</summary>
    public ProjectFile WithDescription(string? description)
    {
        var node = description is null ? null : YamlValues.Scalar(description);
        return new ProjectFile(YamlValues.With(root, "description", node, "backend", "config"), Name, Runtime, description, BackendUrl, Config);
    }

    /// <summary>A copy with <c>backend.url</c> set to <paramref name="backendUrl"/> (null removes the backend block).</summary>
    public ProjectFile WithBackendUrl(string? backendUrl)
    {
        var node = backendUrl is null ? null : new YamlMappingNode { { "url", YamlValues.Scalar(backendUrl) } };
        return new ProjectFile(YamlValues.With(root, "backend", node, "config"), Name, Runtime, Description, backendUrl, Config);
    }

    /// <summary>Writes the file to <paramref name="path"/> atomically, keeping fields Kubedos does not interpret.</summary>
    public void Save(string path) => YamlValues.SaveMapping(root, path);

    private static ImmutableArray<ProjectConfigType> ReadConfig(YamlMappingNode config, string project, string path)
    {
        var result = ImmutableArray.CreateBuilder<ProjectConfigType>();
        foreach (var (keyNode, value) in config.Children)
        {
            var keyText = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            ConfigKey key;
            try
            {
                key = ConfigKey.Parse(keyText, project);
            }
            catch (ConfigException e)
            {
                throw new ConfigException(path, YamlValues.Line(keyNode), keyText, e.Problem ?? e.Message, e);
            }

            if (value is YamlMappingNode spec && IsTypeSpec(spec))
            {
                var secret = YamlValues.Child(spec, "secret") is YamlScalarNode { Value: "true" };
                var defaultNode = YamlValues.Child(spec, "default") ?? YamlValues.Child(spec, "value");
                result.Add(new ProjectConfigType(
                    key,
                    (YamlValues.Child(spec, "type") as YamlScalarNode)?.Value,
                    (YamlValues.Child(spec, "description") as YamlScalarNode)?.Value,
                    defaultNode is null ? null : YamlValues.ToJson(defaultNode),
                    secret));
            }
            else
            {
                // The short form `key: value` declares the value itself.
                result.Add(new ProjectConfigType(key, null, null, YamlValues.ToJson(value), false));
            }
        }

        return result.ToImmutable();
    }

    private static bool IsTypeSpec(YamlMappingNode spec) =>
        spec.Children.Keys.All(k => (k as YamlScalarNode)?.Value is "type" or "description" or "default" or "value" or "secret" or "items");

    private static string RequiredText(YamlMappingNode root, string key, string path) =>
        OptionalText(root, key, path) is { Length: > 0 } text
            ? text
            : throw new ConfigException(path, null, null, $"missing '{key}'");

    private static string? OptionalText(YamlMappingNode root, string key, string path) => YamlValues.Child(root, key) switch
    {
        null => null,
        YamlScalarNode scalar => scalar.Value,
        var other => throw new ConfigException(path, YamlValues.Line(other), null, $"'{key}' must be text"),
    };

    private static void ValidateName(string name, string? path, int? line)
    {
        // A project name becomes part of URNs and file paths.
        if (string.IsNullOrEmpty(name) || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw new ConfigException(path, line, null, $"project name '{name}' may contain only ASCII letters, digits, '-', '_' and '.'");
        }
    }
}
