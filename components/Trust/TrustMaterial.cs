using Kubedos.Engine.Model;

namespace Kubedos.Components.Trust;

/// <summary>
/// What the operator supplies for <c>offline-ca</c> and <c>pinned-ca</c>: the root certificate, the cluster
/// intermediate signed offline by it, and the intermediate's key (a secret). The root key is never asked for.
/// </summary>
internal sealed class TrustMaterial
{
    /// <summary>Config key: path of the root certificate PEM.</summary>
    public const string RootCertKey = "kubedos:pki.rootCert";

    /// <summary>Config key: path of the intermediate certificate PEM.</summary>
    public const string IntermediateCertKey = "kubedos:pki.intermediateCert";

    /// <summary>Secret config key: the intermediate's private key PEM (the text, not a path).</summary>
    public const string IntermediateKeyKey = "kubedos:pki.intermediateKey";

    /// <summary>Config key: <c>true</c> lets the discouraged <c>to-fu</c> model mint its CA inside the engine.</summary>
    public const string AllowToFuKey = "kubedos:pki.allowToFu";

    private readonly string? _intermediateKeyPem;

    public TrustMaterial(string? rootCertPem, string? intermediateCertPem, string? intermediateKeyPem, bool allowToFu, string rootSource = RootCertKey)
    {
        RootCertPem = rootCertPem;
        IntermediateCertPem = intermediateCertPem;
        _intermediateKeyPem = intermediateKeyPem;
        AllowToFu = allowToFu;
        RootSource = rootSource;
    }

    public string? RootCertPem { get; }

    public string? IntermediateCertPem { get; }

    public bool AllowToFu { get; }

    /// <summary>Where the root came from (a path), for messages.</summary>
    public string RootSource { get; }

    internal bool HasIntermediateKey => !string.IsNullOrEmpty(_intermediateKeyPem);

    /// <summary>The intermediate key as a secret output (the only form in which it leaves this object).</summary>
    internal Output<string> IntermediateKeyPem() => Output.CreateSecret(_intermediateKeyPem ?? string.Empty);

    internal string IntermediateKeyText() => _intermediateKeyPem ?? string.Empty;

    /// <summary>Reads the material from the stack's config: certificate paths are read here, the key comes from the secret value.</summary>
    /// <param name="stack">The stack whose config holds the keys.</param>
    /// <param name="baseDirectory">What relative certificate paths are relative to (the project directory); the current directory when null.</param>
    public static TrustMaterial FromConfig(Stack stack, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var rootPath = Resolve(stack.GetConfig(RootCertKey), baseDirectory);
        var intermediatePath = Resolve(stack.GetConfig(IntermediateCertKey), baseDirectory);
        return new TrustMaterial(
            ReadPem(rootPath, RootCertKey),
            ReadPem(intermediatePath, IntermediateCertKey),
            stack.GetConfig(IntermediateKeyKey),
            string.Equals(stack.GetConfig(AllowToFuKey), "true", StringComparison.OrdinalIgnoreCase),
            rootPath ?? RootCertKey);
    }

    public override string ToString() => $"TrustMaterial(root from {RootSource}, intermediate key {(HasIntermediateKey ? "[secret]" : "absent")})";

    private static string? Resolve(string? path, string? baseDirectory) =>
        string.IsNullOrEmpty(path) ? null : Path.GetFullPath(path, baseDirectory ?? Directory.GetCurrentDirectory());

    private static string? ReadPem(string? path, string key)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrustBootstrapException(key, $"cannot read '{path}': {e.Message}");
        }
    }
}
