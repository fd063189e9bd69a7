namespace Kubedos.Image;

/// <summary>A build phase failed: names the phase, what it was working on and the tool's last words.</summary>
public sealed class ImageBuildException : Exception
{
    public ImageBuildException(string phase, string message)
        : base($"image {phase}: {message}")
    {
        Phase = phase;
    }

    public ImageBuildException(string phase, string message, Exception inner)
        : base($"image {phase}: {message}", inner)
    {
        Phase = phase;
    }

    /// <summary>The build phase: lock, acquire, repository, rootfs, disk, iso, manifest.</summary>
    public string Phase { get; }
}
