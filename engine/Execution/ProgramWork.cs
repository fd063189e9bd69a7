namespace Kubedos.Engine.Execution;

/// <summary>The tasks a running program started (registrations, outputs, applies), awaited until no more appear.</summary>
internal sealed class ProgramWork
{
    private readonly List<Task> _work = [];
    private readonly object _gate = new();

    public void Track(Task task)
    {
        lock (_gate)
        {
            _work.Add(task);
        }
    }

    /// <summary>Waits for every task, including those the finished ones started; their failures are left to their owners.</summary>
    public async Task DrainAsync()
    {
        while (true)
        {
            Task[] pending;
            lock (_gate)
            {
                pending = [.. _work];
            }

            try
            {
                await Task.WhenAll(pending).ConfigureAwait(false);
            }
            catch (Model.ResourceFailedException)
            {
                // Failures are already recorded; every task is awaited for completion only.
            }

            // Outputs resolve on continuations that may register more resources (Apply in a program).
            await Task.Yield();
            lock (_gate)
            {
                if (_work.Count == pending.Length && _work.All(t => t.IsCompleted))
                {
                    return;
                }
            }
        }
    }
}
