using Kubedos.Engine.Model;

namespace Kubedos.Components.Substrate;

/// <summary>A command run from the operator's side of the planes: the resource (for edges) and what it printed.</summary>
internal sealed record OperatorCommand(Resource Resource, Output<string> Stdout);
