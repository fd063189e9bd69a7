
namespace Kubedos.Engine.Model;

/// <summary>Options that shape how the engine manages a resource (Pulumi's resource options).</summary>
public sealed record ResourceOptions
{
    /// <summary>The parent (a component); children of the stack when null.</summary>
    public Resource? Parent { get; init; }

    /// <summary>Resources this one waits for beyond those its inputs come from (a component means all its children).</summary>
    public IReadOnlyList<Resource> DependsOn { get; init; } = [];

    /// <summary>Refuse to delete or replace the resource.</summary>
    public bool Protect { get; init; }

    /// <summary>Input properties whose changes are ignored (the old value is kept).</summary>
    public IReadOnlyList<string> IgnoreChanges { get; init; } = [];

    /// <summary>Input properties whose change forces replacement; <c>"*"</c> means any.</summary>
    public IReadOnlyList<string> ReplaceOnChanges { get; init; } = [];

    /// <summary>On replacement, delete the old resource before creating the new one.</summary>
    public bool DeleteBeforeReplace { get; init; }

    /// <summary>On delete, forget the resource without deleting the real thing.</summary>
    public bool RetainOnDelete { get; init; }

    /// <summary>Time limits for create, update and delete.</summary>
    public CustomTimeouts? CustomTimeouts { get; init; }

    /// <summary>The name of the provider instance to use (a key in the workspace's provider registry); the package's default when null.</summary>
    public string? Provider { get; init; }

    /// <summary>Output properties to treat as secret in addition to those the provider marks.</summary>
    public IReadOnlyList<string> AdditionalSecretOutputs { get; init; } = [];

    /// <summary>Where the resource comes from (a ClusterSpec file and line), so policy violations can point there.</summary>
    /// <remarks>Recorded in the checkpoint (Pulumi's <c>sourcePosition</c>); a change alone is no step, only a state rewrite.</remarks>
    public PolicySourceLocation? SourcePosition { get; init; }
}
