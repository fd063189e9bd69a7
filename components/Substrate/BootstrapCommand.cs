using Kubedos.Engine.Model;

namespace Kubedos.Components.Substrate;

/// <summary>A command run through a bootstrap channel: the resource (for edges) and what it printed.</summary>
internal sealed record BootstrapCommand(Resource Resource, Output<string> Stdout);
