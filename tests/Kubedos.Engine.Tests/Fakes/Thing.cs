using System.Collections.Immutable;
using Kubedos.Engine.Model;

namespace Kubedos.Engine.Tests.Fakes;

/// <summary>The fake provider's resource type, with typed outputs.</summary>
internal sealed class Thing : CustomResource
{
    public const string TypeToken = "fake:index:Thing";

    public Thing(string name, ThingArgs args, ResourceOptions? options = null)
        : base(TypeToken, name, args, options)
    {
    }

    public Output<string> Value { get; private set; } = null!;

    public Output<string> Serial { get; private set; } = null!;

    [Output("password")]
    public Output<string> Password { get; private set; } = null!;

    public Output<ImmutableArray<string>> Tags { get; private set; } = null!;
}
