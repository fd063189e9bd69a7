namespace Kubedos.Engine.Model;

/// <summary>The typed inputs of a resource: public properties of plain values or <see cref="Input{T}"/>s.</summary>
/// <remarks>
/// Property names become camelCase input names (or the <see cref="InputAttribute"/> name); null
/// properties are omitted; a property marked <see cref="SecretAttribute"/> is secret.
/// </remarks>
public abstract class ResourceArgs
{
    /// <summary>No inputs.</summary>
    public static ResourceArgs Empty { get; } = new EmptyArgs();

    private sealed class EmptyArgs : ResourceArgs;
}
