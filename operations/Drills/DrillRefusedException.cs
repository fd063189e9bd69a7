namespace Kubedos.Operations.Drills;

/// <summary>A drill cannot start as asked (not declared by the spec, an unknown node, a lab whose gates do not pass); nothing was touched.</summary>
public sealed class DrillRefusedException : Exception
{
    public DrillRefusedException()
    {
    }

    public DrillRefusedException(string message)
        : base(message)
    {
    }

    public DrillRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A refusal of what was asked (a drill the spec does not declare, a node it does not have), not of the lab's state.</summary>
    public DrillRefusedException(string message, bool askedWrong)
        : base(message)
    {
        AskedWrong = askedWrong;
    }

    /// <summary>True when the command line asked for something the spec does not have (exit code 2).</summary>
    public bool AskedWrong { get; }
}
