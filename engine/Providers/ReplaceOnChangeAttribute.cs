namespace Kubedos.Engine.Providers;

/// <summary>Marks an input property whose change forces the resource to be replaced rather than updated.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class ReplaceOnChangeAttribute : Attribute
{
    public ReplaceOnChangeAttribute()
    {
    }

    public ReplaceOnChangeAttribute(string reason) => Reason = reason;

    /// <summary>Why a change forces replacement (shown in the diff).</summary>
    public string? Reason { get; }
}
