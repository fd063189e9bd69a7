using System.Reflection;

namespace Kubedos.Engine.Model;

/// <summary>The root component of a deployment, of type <c>pulumi:pulumi:Stack</c> named <c>&lt;project&gt;-&lt;stack&gt;</c>.</summary>
/// <remarks>
/// Subclass it and declare <see cref="Output{T}"/> properties to export stack outputs (named by
/// <see cref="OutputAttribute"/> or camelCase), or return outputs from an inline program.
/// </remarks>
public class Stack : ComponentResource
{
    public Stack()
        : base(Kubedos.Engine.Model.Urn.RootStackType, RootName(), options: null)
    {
    }

    /// <summary>The stack's name (<c>dev</c>, <c>lab-01</c>).</summary>
    public string StackName => Monitor.StackName;

    /// <summary>The project directory, which holds Pulumi.yaml: relative paths in config resolve against it, not the process's directory.</summary>
    public string ProjectDirectory => Monitor.ProjectDirectory;

    /// <summary>The project's name.</summary>
    public string ProjectName => Monitor.Project;

    /// <summary>The stack's config values by full key (<c>project:key</c>); secrets are decrypted here and must stay in outputs marked secret.</summary>
    public IReadOnlyDictionary<string, string> Config => Monitor.Config;

    /// <summary>The config value of <paramref name="key"/> (<c>key</c> in the project namespace, or <c>ns:key</c>), or null.</summary>
    public string? GetConfig(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var full = key.Contains(':', StringComparison.Ordinal) ? key : $"{ProjectName}:{key}";
        return Config.TryGetValue(full, out var value) ? value : null;
    }

    /// <summary>The config value of <paramref name="key"/>; fails naming the key when it is not set.</summary>
    public string RequireConfig(string key) =>
        GetConfig(key) ?? throw new InvalidOperationException(
            $"Missing required configuration variable '{(key.Contains(':', StringComparison.Ordinal) ? key : $"{ProjectName}:{key}")}' for stack '{StackName}': set it with `kubedos config set {key} <value>`.");

    /// <summary>The stack outputs declared as <see cref="Output{T}"/> properties of a subclass.</summary>
    internal IReadOnlyDictionary<string, object?> DeclaredOutputs()
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var type = GetType(); type is not null && type != typeof(Stack); type = type.BaseType)
        {
            foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly))
            {
                if (property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(Output<>))
                {
                    var name = property.GetCustomAttribute<OutputAttribute>()?.Name ?? PropertyMapper.PropertyName(property.Name);
                    result[name] = property.GetValue(this);
                }
            }
        }

        return result;
    }

    private static string RootName()
    {
        var monitor = DeploymentScope.Current
            ?? throw new InvalidOperationException("A Stack can only be created inside the program a workspace runs.");
        return $"{monitor.Project}-{monitor.StackName}";
    }
}
