using Kubedos.Engine.Model;

namespace Kubedos.Engine.Tests.Fakes;

/// <summary>A component holding two things, the second fed by the first.</summary>
internal sealed class Group : ComponentResource
{
    public Group(string name, string value, ResourceOptions? options = null)
        : base("test:components:Group", name, options)
    {
        First = new Thing($"{name}-a", new ThingArgs { Value = value }, new ResourceOptions { Parent = this });
        Second = new Thing($"{name}-b", new ThingArgs { Value = First.Serial }, new ResourceOptions { Parent = this });
        RegisterOutputs(new Dictionary<string, object?> { ["second"] = Second.Serial });
    }

    public Thing First { get; }

    public Thing Second { get; }
}
