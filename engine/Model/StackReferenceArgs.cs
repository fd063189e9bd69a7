namespace Kubedos.Engine.Model;

/// <summary>Inputs of a <see cref="StackReference"/>.</summary>
public sealed class StackReferenceArgs : ResourceArgs
{
    /// <summary>The stack to read: <c>stack</c>, <c>project/stack</c> or <c>organization/project/stack</c>; the resource's name when null.</summary>
    public Input<string>? Name { get; init; }
}
