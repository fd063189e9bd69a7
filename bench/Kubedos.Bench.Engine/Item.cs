using Kubedos.Engine.Model;

namespace Kubedos.Bench.Engine;

/// <summary>The benchmark's resource: a value and the ids of what it depends on.</summary>
internal sealed class Item : CustomResource
{
    public Item(string name, ItemArgs args, ResourceOptions? options = null)
        : base("bench:index:Item", name, args, options)
    {
    }

    [Output("id")]
    public Output<string> ItemId { get; private set; } = null!;
}
