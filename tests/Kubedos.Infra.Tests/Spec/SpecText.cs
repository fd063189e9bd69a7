using System.Text;
using Kubedos.Spec.Loading;
using Kubedos.Spec.Validation;

namespace Kubedos.Infra.Tests.Spec;

/// <summary>Loads and validates spec text in memory, the way <c>kubedos validate</c> does a file.</summary>
internal static class SpecText
{
    public static SpecLoadResult Validate(string yaml, string file = "test.yaml") =>
        SpecValidator.Validate(ClusterSpecLoader.Load(file, Encoding.UTF8.GetBytes(yaml)));

    /// <summary>Replaces the first occurrence of <paramref name="find"/>, failing loudly when it is absent.</summary>
    public static string ReplaceOnce(string text, string find, string replacement)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException($"the base spec has no '{find}'");
        }

        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + find.Length));
    }

    /// <summary>1-based line of the first occurrence of <paramref name="marker"/> in <paramref name="text"/>.</summary>
    public static int LineOf(string text, string marker)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? -1 : text.AsSpan(0, at).Count('\n') + 1;
    }
}
