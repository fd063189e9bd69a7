namespace Kubedos.Engine.State;

/// <summary>What one journal operation does to the checkpoint.</summary>
internal enum JournalOpKind
{
    /// <summary>Insert or replace a resource (keyed by URN and its delete flag).</summary>
    Put,

    /// <summary>Remove a resource (keyed by URN and its delete flag).</summary>
    Remove,

    /// <summary>Record a provider call about to start.</summary>
    Begin,

    /// <summary>Clear a provider call that finished (or failed cleanly).</summary>
    End,
}
