using Kubedos.Engine.Model;

namespace Kubedos.Engine.Testing;

/// <summary>What a mock answers: the resource's id and its outputs (exactly these; nothing is copied from the inputs).</summary>
public sealed record MockResourceResult(string Id, PropertyMap Outputs)
{
    /// <summary>The answer most mocks give: the inputs as outputs, with an id made from the name.</summary>
    public static MockResourceResult EchoInputs(MockResourceArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return new($"{args.Name}-id", args.Inputs);
    }
}
