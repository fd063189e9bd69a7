using Kubedos.Engine.Model;

namespace Kubedos.Engine.Providers;

/// <summary>A resource's live state; a null <see cref="Id"/> means it does not exist.</summary>
public sealed record ReadResponse(string? Id, PropertyMap Inputs, PropertyMap Outputs)
{
    /// <summary>The resource does not exist.</summary>
    public static ReadResponse Gone { get; } = new(null, PropertyMap.Empty, PropertyMap.Empty);

    public bool Exists => Id is not null;
}
