namespace Kubedos.Engine.Model;

/// <summary>Names the input property an args property becomes (camelCase of the CLR name by default).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class InputAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
