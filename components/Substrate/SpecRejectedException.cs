using Kubedos.Engine.Model;
using Kubedos.Spec.Loading;

namespace Kubedos.Components.Substrate;

/// <summary>The stack's ClusterSpec failed validation; the program stops before any resource is registered.</summary>
/// <remarks>Each diagnostic is one of <see cref="ProgramException.Problems"/>, so preview, up and policy check report every one at its line, as validate does.</remarks>
public sealed class SpecRejectedException : ProgramException
{
    public SpecRejectedException()
    {
    }

    public SpecRejectedException(string message)
        : base(message)
    {
    }

    public SpecRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal SpecRejectedException(string path, IReadOnlyList<SpecDiagnostic> diagnostics)
        : base(
            $"the ClusterSpec {path} is invalid ({diagnostics.Count} error(s)):{Environment.NewLine}{string.Join(Environment.NewLine, diagnostics)}",
            [.. diagnostics.Select(d => new ProgramProblem(d.ToString(), new PolicySourceLocation(d.Location.File, d.Location.Line, d.Location.Column), d.RuleId))])
    {
        Path = path;
        Diagnostics = [.. diagnostics.Select(d => d.ToString())];
    }

    /// <summary>The spec file.</summary>
    public string Path { get; } = string.Empty;

    /// <summary>Every diagnostic, as <c>file:line:col: error RULE: message</c>.</summary>
    public IReadOnlyList<string> Diagnostics { get; } = [];
}
