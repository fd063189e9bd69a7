using Kubedos.Engine.Model;

namespace Kubedos.Providers.Tls;

/// <summary>The subject of a certificate or request (CN and O).</summary>
public sealed class SubjectArgs : ResourceArgs
{
    public Input<string>? CommonName { get; init; }

    public IReadOnlyList<Input<string>>? Organizations { get; init; }
}
