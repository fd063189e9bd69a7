namespace Kubedos.Engine.Secrets;

/// <summary>Encrypts and decrypts secret values for one stack (config <c>secure:</c> values and secret outputs).</summary>
public interface ISecretsProvider
{
    /// <summary>Encrypts <paramref name="plaintext"/> into the provider's text form (for the passphrase provider <c>v1:&lt;nonce&gt;:&lt;ct+tag&gt;</c>).</summary>
    string Encrypt(string plaintext);

    /// <summary>Decrypts a value produced by <see cref="Encrypt"/>; throws <see cref="SecretsException"/> when it cannot.</summary>
    string Decrypt(string ciphertext);
}
