namespace Kubedos.Engine.Secrets;

/// <summary>The passphrase does not open the stack's <c>encryptionsalt</c>: it is not the one the stack was created with.</summary>
public sealed class IncorrectPassphraseException : SecretsException
{
    public IncorrectPassphraseException()
        : base("incorrect passphrase: it does not decrypt this stack's encryptionsalt; check KUBEDOS_CONFIG_PASSPHRASE or KUBEDOS_CONFIG_PASSPHRASE_FILE")
    {
    }

    public IncorrectPassphraseException(string message)
        : base(message)
    {
    }

    public IncorrectPassphraseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
