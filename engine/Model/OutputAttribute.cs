namespace Kubedos.Engine.Model;

/// <summary>Names the output property an <see cref="Output{T}"/> property of a resource or stack reads (camelCase of the CLR name by default).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class OutputAttribute : Attribute
{
    public OutputAttribute()
    {
    }

    public OutputAttribute(string name) => Name = name;

    public string? Name { get; }
}
