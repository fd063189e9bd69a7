using Kubedos.Engine.Automation.Events;

namespace Kubedos.Engine.Execution;

/// <summary>Numbers, timestamps and delivers engine events one at a time, in order.</summary>
internal sealed class EventEmitter(Action<EngineEvent>? onEvent, TimeProvider time)
{
    private readonly object _gate = new();
    private long _sequence;

    public void Emit(EngineEvent e)
    {
        lock (_gate)
        {
            var numbered = e with { Sequence = ++_sequence, Timestamp = time.GetUtcNow() };
            onEvent?.Invoke(numbered);
        }
    }
}
