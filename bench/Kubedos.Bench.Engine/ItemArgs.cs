using System.Collections.Immutable;
using Kubedos.Engine.Model;

namespace Kubedos.Bench.Engine;

internal sealed class ItemArgs : ResourceArgs
{
    public Input<string>? Value { get; init; }

    public Input<ImmutableArray<string>>? After { get; init; }
}
