using Kubedos.Engine.State;

namespace Kubedos.Operations.Swap;

/// <summary>
/// One swap at a time per endpoint stack: the engine's <see cref="ExclusiveFileLock"/> on
/// <c>.kubedos/swaps/&lt;endpoint&gt;.lock</c> in the project, held for the whole swap and never waited for. A swap killed
/// with -9 leaves no lock behind; the stack locks of each up still guard the stacks themselves.
/// </summary>
internal static class SwapLock
{
    /// <summary>Takes the pair's lock.</summary>
    /// <exception cref="OperationRefusedException">Another swap of the pair holds it; nothing was touched.</exception>
    public static ExclusiveFileLock Take(string projectDirectory, string endpointStack)
    {
        var path = Path.Combine(projectDirectory, ".kubedos", "swaps", $"{endpointStack}.lock");
        try
        {
            return ExclusiveFileLock.Acquire(path, TimeSpan.Zero);
        }
        catch (TimeoutException e)
        {
            throw new OperationRefusedException($"another swap over endpoint stack '{endpointStack}' is running (it holds {path}: {e.InnerException?.Message}); wait for it, nothing was touched");
        }
    }
}
