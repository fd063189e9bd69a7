namespace Kubedos.Engine.Secrets;

/// <summary>Secrets are needed but neither <c>KUBEDOS_CONFIG_PASSPHRASE</c> nor <c>KUBEDOS_CONFIG_PASSPHRASE_FILE</c> is set.</summary>
public sealed class PassphraseMissingException : SecretsException
{
    public PassphraseMissingException()
        : base($"this stack uses secrets but no passphrase is set: set {PassphraseSource.PassphraseVariable} or {PassphraseSource.PassphraseFileVariable}")
    {
    }

    public PassphraseMissingException(string message)
        : base(message)
    {
    }

    public PassphraseMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
