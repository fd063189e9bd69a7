namespace Kubedos.Providers.Command;

/// <summary>The SSH server presented a host key other than the pinned one.</summary>
public sealed class SshHostKeyException : Exception
{
    public SshHostKeyException()
    {
    }

    public SshHostKeyException(string message)
        : base(message)
    {
    }

    public SshHostKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
