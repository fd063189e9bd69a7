namespace Kubedos.Engine.State;

/// <summary>Whether a lock's holder still runs, as far as this machine can tell.</summary>
public enum StackLockHolderState
{
    /// <summary>The holder's process runs on this host: the lock is live.</summary>
    Alive,

    /// <summary>The holder was on this host and its process is gone (or its pid now names a later process): the lock is stale.</summary>
    Dead,

    /// <summary>The holder is on another host, where this machine cannot look.</summary>
    OtherHost,
}
