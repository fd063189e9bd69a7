namespace Kubedos.Spec.Loading;

/// <summary>A place in a ClusterSpec file; line and column are 1-based.</summary>
internal sealed record SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
