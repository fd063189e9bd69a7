namespace Kubedos.Engine.Secrets;

/// <summary>Where the stack passphrase comes from: <c>KUBEDOS_CONFIG_PASSPHRASE</c>, else the file named by <c>KUBEDOS_CONFIG_PASSPHRASE_FILE</c>.</summary>
/// <remarks>
/// Like Pulumi, a set-but-empty <c>KUBEDOS_CONFIG_PASSPHRASE</c> is a valid (empty) passphrase.
/// The environment is injected so tests and several in-process deployments need not share it.
/// </remarks>
public sealed class PassphraseSource
{
    /// <summary>The environment variable holding the passphrase itself.</summary>
    public const string PassphraseVariable = "KUBEDOS_CONFIG_PASSPHRASE";

    /// <summary>The environment variable naming a file whose content is the passphrase.</summary>
    public const string PassphraseFileVariable = "KUBEDOS_CONFIG_PASSPHRASE_FILE";

    private readonly Func<string, string?> environment;

    /// <summary>Reads from <paramref name="environment"/> (a variable lookup); the process environment when null.</summary>
    public PassphraseSource(Func<string, string?>? environment = null)
    {
        this.environment = environment ?? Environment.GetEnvironmentVariable;
    }

    /// <summary>A source with a fixed passphrase (tests, automation programs that hold it already).</summary>
    public static PassphraseSource FromPassphrase(string passphrase)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        return new PassphraseSource(name => name == PassphraseVariable ? passphrase : null);
    }

    /// <summary>True when a passphrase is configured, without reading any file.</summary>
    public bool IsConfigured =>
        environment(PassphraseVariable) is not null || !string.IsNullOrEmpty(environment(PassphraseFileVariable));

    /// <summary>The passphrase; throws <see cref="PassphraseMissingException"/> when none is configured.</summary>
    public string Read()
    {
        if (environment(PassphraseVariable) is { } passphrase)
        {
            return passphrase;
        }

        var file = environment(PassphraseFileVariable);
        if (string.IsNullOrEmpty(file))
        {
            throw new PassphraseMissingException();
        }

        try
        {
            // Editors and `echo` add a final newline that is not part of the passphrase.
            return File.ReadAllText(file).TrimEnd('\r', '\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PassphraseMissingException($"cannot read the passphrase file {file} ({PassphraseFileVariable}): {e.Message}", e);
        }
    }
}
