using Kubedos.Engine.Model;

namespace Kubedos.Components.Substrate;

/// <summary>A file placed through a bootstrap channel: the resource (for edges) and its content hash (for triggers).</summary>
internal sealed record BootstrapFile(Resource Resource, Output<string> Sha256);
