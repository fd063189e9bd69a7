namespace Kubedos.Engine.State;

/// <summary>
/// A state backend: each stack's checkpoint (a snapshot plus the journal of the operation running on it), its history,
/// and its lock. <see cref="StateBackendRegistry"/> opens one from the backend URL's scheme.
/// </summary>
/// <remarks>
/// Every backend keeps the same bytes: the stack file's JSON (secrets sealed by the stack's secrets provider), the same
/// journal lines, the same integrity check on load, so a state moves between backends by export and import unchanged.
/// </remarks>
internal interface ICheckpointStore
{
    /// <summary>Where the state lives, fit to print (a directory, or a URL without its password).</summary>
    string Location { get; }

    bool Exists(string project, string stack);

    /// <summary>The project's stacks, sorted by ordinal name.</summary>
    IReadOnlyList<string> List(string project);

    /// <summary>Creates the stack with an empty checkpoint; of concurrent creators of one name exactly one succeeds.</summary>
    /// <exception cref="StateException">The stack already exists, or the name is invalid.</exception>
    void Create(string project, string stack, CheckpointJson json);

    /// <summary>Forgets the stack: its checkpoint, journal and history.</summary>
    void Remove(string project, string stack);

    /// <summary>Moves <paramref name="stack"/>'s state and history to <paramref name="newStack"/>, with <paramref name="renamed"/> as its checkpoint.</summary>
    /// <exception cref="StateException">The new name is invalid or already taken.</exception>
    void Rename(string project, string stack, string newStack, Checkpoint renamed, CheckpointJson json);

    /// <summary>The stack's checkpoint: the snapshot with the journal replayed; with <paramref name="compact"/> the result is folded back into the snapshot.</summary>
    /// <exception cref="CheckpointIntegrityException">The checkpoint is damaged or foreign; names the URN and the rule. Nothing is rewritten then.</exception>
    /// <exception cref="StateException">The stack does not exist, or its state cannot be read.</exception>
    Checkpoint Load(string project, string stack, CheckpointJson json, bool compact);

    /// <summary>The checkpoint as stored, even when it fails <see cref="CheckpointIntegrity"/> (for export and <c>stack rm --force</c>); writes nothing.</summary>
    Checkpoint LoadUnverified(string project, string stack, CheckpointJson json);

    /// <summary>Replaces the stack's checkpoint with <paramref name="checkpoint"/> (an import, a state edit): any journal goes with the old one.</summary>
    void Save(string project, string stack, Checkpoint checkpoint, CheckpointJson json);

    /// <summary>A journal for one operation on the stack, starting from <paramref name="basis"/> (the checkpoint just loaded, compacted).</summary>
    ICheckpointJournal OpenJournal(string project, string stack, CheckpointJson json, Checkpoint basis);

    void AppendHistory(string project, string stack, UpdateRecord record);

    /// <summary>The stack's updates, oldest first.</summary>
    IReadOnlyList<UpdateRecord> History(string project, string stack);

    /// <summary>Takes the stack's lock for <paramref name="operation"/>, or fails at once naming the holder.</summary>
    /// <param name="project">The project.</param>
    /// <param name="stack">The stack.</param>
    /// <param name="operation">What the lock is for (<c>up</c>, <c>stack rm</c>, ...); shown to whoever finds it taken.</param>
    /// <param name="resumeAfterDeadHolder">Take over a lock whose holder is known dead (a killed <c>up</c>), reporting it in <paramref name="deadHolder"/>.</param>
    /// <param name="deadHolder">The dead holder whose lock was taken over, or null.</param>
    /// <exception cref="StackLockedException">A live (or unknown) holder has the lock.</exception>
    IStackLock Lock(string project, string stack, string operation, bool resumeAfterDeadHolder, out StackLockInfo? deadHolder);

    /// <summary>Who holds the stack's lock, or null when it is free.</summary>
    StackLockInfo? LockHolder(string project, string stack);

    /// <summary>Breaks the stack's lock (<c>kubedos stack unlock</c>); returns the holder it removed, or null when it was free.</summary>
    /// <exception cref="StackLockedException">Without <paramref name="force"/>: the holder is alive, elsewhere, or unknown.</exception>
    StackLockInfo? Unlock(string project, string stack, bool force);
}
