using Kubedos.Components.Endpoint;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Model;

namespace Kubedos.Components;

/// <summary>
/// The project's program: a stack whose config names <c>kubedos:endpoint.serves</c> is a blue/green pair's endpoint
/// (<see cref="EndpointStack"/>); every other stack is a cluster (<see cref="KubedosStack"/>).
/// </summary>
public static class KubedosProgram
{
    public static StackProgram Create() =>
        StackProgram.Create(() => new ProgramConfig().Get(EndpointStack.ServesKey) is null ? new KubedosStack() : new EndpointStack());
}
