namespace Kubedos.Spec.Loading;

/// <summary>Field paths such as <c>spec.nodes.inventory[2].name</c>.</summary>
internal static class SpecPath
{
    public static string Child(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    public static string Item(string parent, int index) => $"{parent}[{index}]";

    public static string Parent(string path)
    {
        var cut = path.LastIndexOfAny(['.', '[']);
        return cut < 0 ? string.Empty : path[..cut];
    }
}
