namespace Kubedos.Engine.Model;

/// <summary>Where a resource is declared (a spec file, or the program), so a violation can point there.</summary>
/// <param name="File">The file, as a person would open it.</param>
/// <param name="Line">1-based line, when known.</param>
/// <param name="Column">1-based column, when known.</param>
public sealed record PolicySourceLocation(string File, int? Line = null, int? Column = null)
{
    /// <summary><c>file:line:col</c>, as far as known.</summary>
    public override string ToString() =>
        Line is null ? File : Column is null ? $"{File}:{Line}" : $"{File}:{Line}:{Column}";
}
