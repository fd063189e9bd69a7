using Kubedos.Engine.Model;

namespace Kubedos.Providers.Local;

/// <summary><c>local:lab:Process</c>: a long-lived program on a node (a service), stopped on delete.</summary>
public sealed class NodeProcessResource : CustomResource
{
    public NodeProcessResource(string name, NodeProcessResourceArgs args, ResourceOptions? options = null)
        : base("local:lab:Process", name, args, options)
    {
    }

    /// <summary>The lab's stack.</summary>
    [Output("stack")]
    public Output<string> Stack { get; private set; } = null!;

    /// <summary>The node.</summary>
    [Output("node")]
    public Output<string> Node { get; private set; } = null!;

    /// <summary>The process name.</summary>
    [Output("name")]
    public Output<string> ProcessName { get; private set; } = null!;

    /// <summary>The program's PID.</summary>
    [Output("pid")]
    public Output<int> Pid { get; private set; } = null!;

    /// <summary>The program's log inside the node.</summary>
    [Output("logFile")]
    public Output<string> LogFile { get; private set; } = null!;
}
