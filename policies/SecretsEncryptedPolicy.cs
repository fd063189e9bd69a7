using System.Text.RegularExpressions;
using Kubedos.Engine.Model;
using Kubedos.Engine.Policy;

namespace Kubedos.Policies;

/// <summary><c>secrets-encrypted</c>: a value that looks like a key, token or password travels as a secret, never as a plain input.</summary>
/// <remarks>
/// Policies see inputs, not outputs; component inputs are where config flows, so a plain secret in
/// config reaches an input here. Outputs are covered by providers marking them secret.
/// </remarks>
internal static partial class SecretsEncryptedPolicy
{
    public const string Id = "secrets-encrypted";

    public static Policy Create() => new ResourceValidationPolicy(
        Id,
        "Values that look like keys, tokens or passwords are secrets (encrypted in state, masked in output), never plain inputs.",
        EnforcementLevel.Mandatory,
        (args, report) =>
        {
            foreach (var path in PlainSecrets(args.Resource.Inputs, string.Empty))
            {
                report.Violation($"input {path} holds a key, token or password in plain text; pass it as a secret (Output.CreateSecret, [Secret], or a secure: config value)");
            }
        })
    {
        Remediation = "Make the value secret where it is made: `kubedos config set --secret`, Output.CreateSecret, or [Secret] on the args property; never paste it into the spec or a plain input.",
    };

    private static IEnumerable<string> PlainSecrets(PropertyMap inputs, string prefix)
    {
        foreach (var (key, value) in inputs)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            foreach (var found in Plain(value, key, path))
            {
                yield return found;
            }
        }
    }

    private static IEnumerable<string> Plain(PropertyValue value, string key, string path)
    {
        switch (value.Kind)
        {
            case PropertyValueKind.Secret or PropertyValueKind.Unknown:
                yield break;
            case PropertyValueKind.String when LooksSecret(key, value.AsString()):
                yield return path;
                break;
            case PropertyValueKind.Object:
                foreach (var found in PlainSecrets(value.AsObject(), path))
                {
                    yield return found;
                }

                break;
            case PropertyValueKind.Array:
                var items = value.AsArray();
                for (var i = 0; i < items.Length; i++)
                {
                    foreach (var found in Plain(items[i], key, $"{path}[{i}]"))
                    {
                        yield return found;
                    }
                }

                break;
        }
    }

    /// <summary>Key material by its content, whatever the name; otherwise a secret-sounding name with a value that is not a path or a reference.</summary>
    public static bool LooksSecret(string key, string text) =>
        KeyMaterial().IsMatch(text)
        || (SecretName().IsMatch(key) && !NotSecretName().IsMatch(key) && text.Length >= 8 && !text.StartsWith('/') && !text.Contains("://", StringComparison.Ordinal));

    [GeneratedRegex(@"-----BEGIN ([A-Z0-9 ]+ )?PRIVATE KEY-----|\bAKIA[0-9A-Z]{16}\b|\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bglpat-[A-Za-z0-9_-]{20,}\b")]
    private static partial Regex KeyMaterial();

    [GeneratedRegex(@"(?i)(password|passwd|passphrase|secret|token|private_?key|preshared_?key|api_?key|credential)")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(?i)(public|file|path|ttl|length|minutes|days|hash|fingerprint|pin|sha|url|name|id\z|window|secretsprovider)")]
    private static partial Regex NotSecretName();
}
