namespace Kubedos.Engine.Model;

/// <summary>What a <see cref="PropertyValue"/> holds.</summary>
public enum PropertyValueKind
{
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,

    /// <summary>Not known until the resource is created (preview: "known after up").</summary>
    Unknown,

    /// <summary>A secret wrapping another value.</summary>
    Secret,
}
