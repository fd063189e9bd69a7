using Kubedos.Engine.Model;

namespace Kubedos.Providers.Random;

/// <summary><c>random:index:RandomPassword</c>: a password from the OS CSPRNG; <see cref="Result"/> is secret.</summary>
public sealed class RandomPassword : CustomResource
{
    public RandomPassword(string name, RandomPasswordArgs args, ResourceOptions? options = null)
        : base("random:index:RandomPassword", name, args, options)
    {
    }

    public Output<string> Result { get; private set; } = null!;

    public Output<int> Length { get; private set; } = null!;
}
