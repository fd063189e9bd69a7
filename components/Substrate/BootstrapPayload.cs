using Kubedos.Engine.Model;

namespace Kubedos.Components.Substrate;

/// <summary>Software installed through a bootstrap channel: the resource (for edges) and the digest of what the node holds (for triggers).</summary>
internal sealed record BootstrapPayload(Resource Resource, Output<string> Digest);
