using Kubedos.Engine.Model;

namespace Kubedos.Components.Kubernetes;

/// <summary>The config key <c>kubedos:etcdRestoreSnapshot</c> cannot have its effect; the message says why.</summary>
internal sealed class EtcdRestoreSourceException : ProgramException
{
    public EtcdRestoreSourceException()
    {
    }

    public EtcdRestoreSourceException(string message)
        : base($"kubedos:{EtcdRestoreSource.ConfigKey}: {message}")
    {
    }

    public EtcdRestoreSourceException(string message, Exception innerException)
        : base($"kubedos:{EtcdRestoreSource.ConfigKey}: {message}", innerException)
    {
    }
}
