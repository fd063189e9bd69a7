using System.Globalization;
using System.Text.Json.Nodes;
using Kubedos.Engine.Secrets;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Config;

/// <summary>The <c>config get|set|rm [--secret]</c> verbs as a library over one stack's <c>Pulumi.&lt;stack&gt;.yaml</c>.</summary>
/// <remarks>
/// Each call loads and saves the file, so the CLI and a running program see the same file. Writes
/// are a read-modify-write under an exclusive lock and replace the file atomically and durably, so
/// concurrent writers (threads or processes) each keep their change. The passphrase is read only
/// when a secret is set, read or resolved.
/// </remarks>
public sealed class StackConfigStore
{
    /// <summary>How long a writer waits for another to finish its (sub-second) write.</summary>
    private static readonly TimeSpan LockPatience = TimeSpan.FromSeconds(30);

    private readonly PassphraseSource passphrase;

    /// <summary>The store for <paramref name="stack"/> of the project whose <c>Pulumi.yaml</c> is in <paramref name="projectDirectory"/>.</summary>
    public StackConfigStore(string projectDirectory, string stack, PassphraseSource passphrase)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectDirectory);
        ArgumentException.ThrowIfNullOrEmpty(stack);
        this.passphrase = passphrase ?? throw new ArgumentNullException(nameof(passphrase));
        Project = ProjectFile.Load(System.IO.Path.Combine(projectDirectory, ProjectFile.FileName));
        Stack = stack;
        Path = System.IO.Path.Combine(projectDirectory, StackConfigFile.FileNameFor(stack));
    }

    /// <summary>The project file.</summary>
    public ProjectFile Project { get; }

    /// <summary>The stack name.</summary>
    public string Stack { get; }

    /// <summary>The stack file's path.</summary>
    public string Path { get; }

    /// <summary>The stack file as it is now (empty when it does not exist yet).</summary>
    public StackConfigFile Load() => StackConfigFile.LoadOrEmpty(Path, Project.Name);

    /// <summary>The value of <paramref name="key"/>, decrypted (like <c>pulumi config get</c>), or null when unset.</summary>
    public ResolvedConfigValue? Get(string key)
    {
        var file = Load();
        var parsed = ConfigKey.Parse(key, Project.Name);
        var secrets = file.Get(parsed) is { Secure: true } ? OpenSecrets(file).Secrets : null;

        // Only this key is resolved: another key's secret or mistake must not stop reading this one.
        return StackConfig.Resolve(Project, file.Only(parsed), Stack, secrets).Values.GetValueOrDefault(parsed);
    }

    /// <summary>Sets <paramref name="key"/>; with <paramref name="secret"/> the value is encrypted (creating the stack's salt if needed).</summary>
    /// <remarks>Read, change and write happen under the file's lock, so concurrent writers each keep their change.</remarks>
    /// <exception cref="ConfigException">Setting a plain value over a secret one: pass <paramref name="secret"/> or remove it first; or the file holds secure values but lost its salt.</exception>
    public void Set(string key, string value, bool secret)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parsed = ConfigKey.Parse(key, Project.Name);
        using var held = Lock();
        var file = Load();
        if (!secret && file.Get(parsed) is { Secure: true })
        {
            // Silently turning a secret into plaintext would leak it into the stack file.
            throw new ConfigException(Path, file.LineOf(parsed), parsed.ToString(), "the current value is secret: use --secret to change it, or remove it first to store plaintext");
        }

        if (secret)
        {
            var (opened, secrets) = OpenSecrets(file);
            file = opened.Set(parsed, ConfigValue.Encrypted(secrets.Encrypt(value)));
        }
        else
        {
            file = file.Set(parsed, ConfigValue.Plain(value));
        }

        file.Save(Path);
    }

    /// <summary>Removes <paramref name="key"/>; false when it was not set.</summary>
    public bool Remove(string key)
    {
        var parsed = ConfigKey.Parse(key, Project.Name);
        using var held = Lock();
        var file = Load();
        if (file.Get(parsed) is null)
        {
            return false;
        }

        file.Remove(parsed).Save(Path);
        return true;
    }

    /// <summary>
    /// Sets the value at <paramref name="path"/> (Pulumi's <c>config set --path</c>) inside its key's object or list, creating
    /// them as needed; like Pulumi, <c>true</c>/<c>false</c> and integers are stored as such, and <paramref name="secret"/> stores
    /// a <c>secure:</c> leaf.
    /// </summary>
    /// <remarks>Read, change and write happen under the file's lock, as for <see cref="Set"/>.</remarks>
    /// <exception cref="ConfigException">The path does not fit the value there, the key holds a single value, or the leaf is secret and <paramref name="secret"/> is not set.</exception>
    public void SetPath(string path, string value, bool secret)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parsed = ConfigPath.Parse(path, Project.Name);
        if (parsed.Segments.IsEmpty)
        {
            Set(parsed.Key.ToString(), value, secret);
            return;
        }

        using var held = Lock();
        var file = Load();
        var root = StructuredRoot(file, parsed);
        if (!secret && parsed.TryGet(root, out var current) && ConfigValue.IsSecureObject(current))
        {
            throw new ConfigException(Path, file.LineOf(parsed.Key), parsed.Text, "the current value is secret: use --secret to change it, or remove it first to store plaintext");
        }

        JsonNode? leaf;
        if (secret)
        {
            var (opened, secrets) = OpenSecrets(file);
            file = opened;
            leaf = new JsonObject { ["secure"] = secrets.Encrypt(value) };
        }
        else
        {
            leaf = value switch
            {
                "true" => JsonValue.Create(true),
                "false" => JsonValue.Create(false),
                _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
                _ => JsonValue.Create(value),
            };
        }

        file.Set(parsed.Key, ConfigValue.Structured(parsed.Set(root, leaf))).Save(Path);
    }

    /// <summary>The value at <paramref name="path"/> (Pulumi's <c>config get --path</c>), decrypted; JSON for an object or list; null when unset.</summary>
    public ResolvedConfigValue? GetPath(string path)
    {
        var parsed = ConfigPath.Parse(path, Project.Name);
        var whole = Get(parsed.Key.ToString());
        if (parsed.Segments.IsEmpty || whole is null)
        {
            return whole;
        }

        if (!whole.IsStructured || !parsed.TryGet(JsonNode.Parse(whole.Text), out var value))
        {
            return null;
        }

        return value switch
        {
            JsonObject or JsonArray => new ResolvedConfigValue(value.ToJsonString(), whole.Secret, true),
            JsonValue text when text.TryGetValue<string>(out var s) => new ResolvedConfigValue(s, whole.Secret, false),
            _ => new ResolvedConfigValue(value?.ToJsonString() ?? "null", whole.Secret, false),
        };
    }

    /// <summary>Removes the value at <paramref name="path"/> (Pulumi's <c>config rm --path</c>); false when it was not set.</summary>
    public bool RemovePath(string path)
    {
        var parsed = ConfigPath.Parse(path, Project.Name);
        if (parsed.Segments.IsEmpty)
        {
            return Remove(parsed.Key.ToString());
        }

        using var held = Lock();
        var file = Load();
        if (file.Get(parsed.Key) is not { IsStructured: true } value)
        {
            return false;
        }

        var (root, removed) = parsed.Remove(value.ToJson());
        if (removed)
        {
            file.Set(parsed.Key, ConfigValue.Structured(root!)).Save(Path);
        }

        return removed;
    }

    /// <summary>The stack's effective config, decrypted (the passphrase is needed only when a value is secure).</summary>
    public StackConfig Resolve()
    {
        var file = Load();
        var secrets = file.HasSecureValues ? OpenSecrets(file).Secrets : null;
        return StackConfig.Resolve(Project, file, Stack, secrets);
    }

    /// <summary>The stack's secrets provider; creates and saves the <c>encryptionsalt</c> on first use, like Pulumi.</summary>
    /// <exception cref="PassphraseMissingException">No passphrase is configured.</exception>
    /// <exception cref="IncorrectPassphraseException">The passphrase is not the stack's.</exception>
    /// <exception cref="ConfigException">The file holds secure values but no salt (a new one could never decrypt them).</exception>
    public PassphraseSecretsProvider OpenSecrets()
    {
        var file = Load();
        if (file.EncryptionSalt is not null || file.HasSecureValues)
        {
            return OpenSecrets(file).Secrets;
        }

        // Creating the salt is a read-modify-write too: of two first users, the second uses the first's salt.
        using var held = Lock();
        file = Load();
        var (opened, secrets) = OpenSecrets(file);
        if (!ReferenceEquals(opened, file))
        {
            opened.Save(Path);
        }

        return secrets;
    }

    /// <summary>The provider for <paramref name="file"/>'s salt, or a new salt in the returned copy (which the caller saves, under the lock).</summary>

    private JsonNode? StructuredRoot(StackConfigFile file, ConfigPath path) => file.Get(path.Key) switch
    {
        null => null,
        { IsStructured: true } value => value.ToJson(),
        _ => throw new ConfigException(Path, file.LineOf(path.Key), path.Key.ToString(), $"holds a single value, not an object or list, so '{path.Text}' cannot go into it: remove it first"),
    };

    private (StackConfigFile File, PassphraseSecretsProvider Secrets) OpenSecrets(StackConfigFile file)
    {
        if (file.EncryptionSalt is { } salt)
        {
            return (file, PassphraseSecretsProvider.FromEncryptionSalt(salt, passphrase.Read()));
        }

        if (file.HasSecureValues)
        {
            throw new ConfigException(Path, null, null,
                "holds secure values but no 'encryptionsalt': they were encrypted with a salt that is gone, and a new one would leave them undecryptable forever. "
                + "Put the 'encryptionsalt' line back (from version control or a backup; once the stack has been brought up, its checkpoint records it as secrets_providers.state.salt), "
                + "or remove every secure value (`kubedos config rm KEY`) to start with a new salt");
        }

        var secrets = PassphraseSecretsProvider.Create(passphrase.Read());
        return (file.WithEncryptionSalt(secrets.EncryptionSalt), secrets);
    }

    /// <summary>The exclusive lock every writer of the stack's config file holds for its read-modify-write.</summary>
    /// <remarks>It lives under the project's <c>.kubedos/</c> (git-ignored), beside the selected-stack file, not next to <c>Pulumi.&lt;stack&gt;.yaml</c>.</remarks>
    private ExclusiveFileLock Lock()
    {
        var lockFile = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, ".kubedos", "config-locks", StackConfigFile.FileNameFor(Stack) + ".lock");
        try
        {
            return ExclusiveFileLock.Acquire(lockFile, LockPatience);
        }
        catch (TimeoutException e)
        {
            throw new ConfigException(Path, null, null, $"another kubedos is still changing this file: {e.Message}", e);
        }
    }
}
