namespace Kubedos.Engine.Model;

/// <summary>A resource a provider manages; subclasses declare typed <see cref="Output{T}"/> properties (with a setter) the engine fills.</summary>
/// <remarks>
/// <code>
/// public sealed class PrivateKey : CustomResource
/// {
///     public PrivateKey(string name, PrivateKeyArgs args, ResourceOptions? options = null)
///         : base("tls:index:PrivateKey", name, args, options) { }
///     [Output("publicKeyPem")] public Output&lt;string&gt; PublicKeyPem { get; private set; } = null!;
/// }
/// </code>
/// </remarks>
public class CustomResource : Resource
{
    private readonly OutputSource<string> _id = new("id");

    public CustomResource(string type, string name, ResourceArgs? args, ResourceOptions? options = null)
        : base(type, name, custom: true, args, options)
    {
    }

    /// <summary>The provider's id of the real resource (unknown in preview for a new resource).</summary>
    public Output<string> Id => _id.Output;

    internal override void ResolveId(RegistrationResult? result, Exception? error)
    {
        if (result is null)
        {
            _id.Fail(error!);
            return;
        }

        var known = !string.IsNullOrEmpty(result.Id);
        _id.Resolve(this, known ? PropertyValue.Of(result.Id) : PropertyValue.Unknown, known);
    }
}
