using System.Text.RegularExpressions;

namespace Kubedos.Engine.State;

/// <summary>The stack name rule as the state layer enforces it (every backend refuses a name that breaks it); <c>Automation.StackNameRule</c> is its public face.</summary>
internal static partial class StackNames
{
    public const string Description = "a lowercase DNS label: a-z, 0-9 and '-', starting and ending with a letter or digit, 1 to 63 characters";

    public static bool IsValid(string? name) => name is not null && Label().IsMatch(name);

    public static string? Problem(string? name) =>
        IsValid(name) ? null : $"stack name '{name}' is invalid: it must be {Description}";

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
