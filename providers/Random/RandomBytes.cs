using Kubedos.Engine.Model;

namespace Kubedos.Providers.Random;

/// <summary><c>random:index:RandomBytes</c>: key material; both encodings are secret.</summary>
public sealed class RandomBytes : CustomResource
{
    public RandomBytes(string name, RandomBytesArgs args, ResourceOptions? options = null)
        : base("random:index:RandomBytes", name, args, options)
    {
    }

    public Output<string> Base64 { get; private set; } = null!;

    public Output<string> Hex { get; private set; } = null!;

    public Output<int> Length { get; private set; } = null!;
}
