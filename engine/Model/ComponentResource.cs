namespace Kubedos.Engine.Model;

/// <summary>A resource grouping others (its children name it as <see cref="ResourceOptions.Parent"/>); no provider manages it.</summary>
public class ComponentResource : Resource
{
    public ComponentResource(string type, string name, ResourceOptions? options = null)
        : this(type, name, null, options)
    {
    }

    public ComponentResource(string type, string name, ResourceArgs? args, ResourceOptions? options = null)
        : base(type, name, custom: false, args, options)
    {
    }

    /// <summary>Ends the component's registration with no outputs.</summary>
    protected void RegisterOutputs() => RegisterOutputs(new Dictionary<string, object?>());

    /// <summary>Ends the component's registration, recording <paramref name="outputs"/> (plain values or outputs) in its state.</summary>
    protected void RegisterOutputs(IDictionary<string, object?> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        Monitor.RegisterOutputs(this, outputs.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
    }
}
