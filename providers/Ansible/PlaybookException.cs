namespace Kubedos.Providers.Ansible;

/// <summary>A playbook could not be run at all (its files changed, ansible-playbook is missing, the run timed out).</summary>
public sealed class PlaybookException : Exception
{
    public PlaybookException()
    {
    }

    public PlaybookException(string message)
        : base(message)
    {
    }

    public PlaybookException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
