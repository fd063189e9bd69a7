namespace Kubedos.Engine.Config;

/// <summary>A config value ready for a program: decrypted text (JSON for structured values) and whether it is secret.</summary>
/// <param name="Text">The plaintext; never print it when <paramref name="Secret"/>.</param>
/// <param name="Secret">True when the value was stored encrypted (or the project declares it secret).</param>
/// <param name="IsStructured">True when <paramref name="Text"/> is JSON of an object or array.</param>
public sealed record ResolvedConfigValue(string Text, bool Secret, bool IsStructured)
{
    /// <summary>Keeps the plaintext out of logs and exception messages that format the record.</summary>
    public override string ToString() => Secret ? "[secret]" : Text;
}
