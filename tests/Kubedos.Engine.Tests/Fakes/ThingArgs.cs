using System.Collections.Immutable;
using Kubedos.Engine.Model;

namespace Kubedos.Engine.Tests.Fakes;

internal sealed class ThingArgs : ResourceArgs
{
    public Input<string>? Value { get; init; }

    public Input<string>? Immutable { get; init; }

    public Input<string>? Password { get; init; }

    public Input<ImmutableArray<string>>? Tags { get; init; }
}
