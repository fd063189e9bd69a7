namespace Kubedos.Operations;

/// <summary>A drill or runbook cannot start as asked (not declared by the spec, an unknown node, a stack whose gates do not pass); nothing was touched.</summary>
public sealed class OperationRefusedException : Exception
{
    public OperationRefusedException()
    {
    }

    public OperationRefusedException(string message)
        : base(message)
    {
    }

    public OperationRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A refusal of what was asked (a drill the spec does not declare, a node or rotation it does not have), not of the lab's state.</summary>
    public OperationRefusedException(string message, bool askedWrong)
        : base(message)
    {
        AskedWrong = askedWrong;
    }

    /// <summary>True when the command line asked for something the spec does not have (exit code 2).</summary>
    public bool AskedWrong { get; }
}
