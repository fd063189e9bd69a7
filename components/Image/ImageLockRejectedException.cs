using Kubedos.Engine.Model;
using Kubedos.Image.Lock;

namespace Kubedos.Components.Image;

/// <summary>The stack has an image lock that does not fit its spec (or cannot be read): the program stops before anything is registered.</summary>
public sealed class ImageLockRejectedException : ProgramException
{
    public ImageLockRejectedException()
    {
    }

    public ImageLockRejectedException(string message)
        : base(message)
    {
    }

    public ImageLockRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal ImageLockRejectedException(string message, IReadOnlyList<ProgramProblem> problems)
        : base(message, problems)
    {
    }

    internal ImageLockRejectedException(LockFileException lockProblem)
        : base(lockProblem.Message, [new ProgramProblem(lockProblem.Message, new PolicySourceLocation(lockProblem.FilePath, 1, 1), "image-lock")])
    {
    }
}
