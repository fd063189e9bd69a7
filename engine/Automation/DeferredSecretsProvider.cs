using Kubedos.Engine.Secrets;

namespace Kubedos.Engine.Automation;

/// <summary>Opens the stack's secrets provider on first use, so a stack without secrets needs no passphrase.</summary>
internal sealed class DeferredSecretsProvider(Func<ISecretsProvider> open) : ISecretsProvider
{
    private readonly Lazy<ISecretsProvider> _inner = new(open, LazyThreadSafetyMode.ExecutionAndPublication);

    public string Encrypt(string plaintext) => _inner.Value.Encrypt(plaintext);

    public string Decrypt(string ciphertext) => _inner.Value.Decrypt(ciphertext);
}
