namespace Kubedos.Components.Substrate;

/// <summary>The stack's ClusterSpec failed validation; the program stops before any resource is registered.</summary>
public sealed class SpecRejectedException : Exception
{
    public SpecRejectedException(string path, IReadOnlyList<string> diagnostics)
        : base($"the ClusterSpec {path} is invalid ({diagnostics.Count} error(s)):{Environment.NewLine}{string.Join(Environment.NewLine, diagnostics)}")
    {
        Path = path;
        Diagnostics = diagnostics;
    }

    /// <summary>The spec file.</summary>
    public string Path { get; }

    /// <summary>Every diagnostic, as <c>file:line:col: error RULE: message</c>.</summary>
    public IReadOnlyList<string> Diagnostics { get; }
}
