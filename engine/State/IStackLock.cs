namespace Kubedos.Engine.State;

/// <summary>A held stack lock; disposing it releases the lock.</summary>
public interface IStackLock : IDisposable
{
    /// <summary>The locked stack.</summary>
    string Stack { get; }

    /// <summary>Who holds it: this process, and what for.</summary>
    StackLockInfo Info { get; }
}
