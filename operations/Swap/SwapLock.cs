namespace Kubedos.Operations.Swap;

/// <summary>
/// One swap at a time per endpoint stack: an exclusive lock (flock) on <c>.kubedos/swaps/&lt;endpoint&gt;.lock</c> in the
/// project, held for the whole swap. The kernel drops it with the process, so a swap killed with -9 leaves no lock behind
/// (the file stays, unlocked); the stack locks of each up still guard the stacks themselves.
/// </summary>
internal sealed class SwapLock : IDisposable
{
    private readonly FileStream _file;

    private SwapLock(FileStream file) => _file = file;

    /// <summary>Takes the pair's lock.</summary>
    /// <exception cref="OperationRefusedException">Another swap of the pair holds it; nothing was touched.</exception>
    public static SwapLock Take(string projectDirectory, string endpointStack)
    {
        var path = Path.Combine(projectDirectory, ".kubedos", "swaps", $"{endpointStack}.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new SwapLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e)
        {
            throw new OperationRefusedException($"another swap over endpoint stack '{endpointStack}' is running (it holds {path}: {e.Message}); wait for it, nothing was touched");
        }
    }

    public void Dispose() => _file.Dispose();
}
