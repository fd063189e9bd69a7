using Kubedos.Engine.Model;

namespace Kubedos.Providers.Random;

/// <summary><c>random:index:RandomId</c>: a printable identifier (not secret).</summary>
public sealed class RandomId : CustomResource
{
    public RandomId(string name, RandomIdArgs args, ResourceOptions? options = null)
        : base("random:index:RandomId", name, args, options)
    {
    }

    public Output<string> Hex { get; private set; } = null!;

    public Output<string> B64Url { get; private set; } = null!;

    public Output<string> B64Std { get; private set; } = null!;

    public Output<string> Dec { get; private set; } = null!;
}
