namespace Kubedos.Engine.Secrets;

/// <summary>A secret could not be encrypted or decrypted; the message says what to do.</summary>
public class SecretsException : Exception
{
    public SecretsException()
    {
    }

    public SecretsException(string message)
        : base(message)
    {
    }

    public SecretsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
