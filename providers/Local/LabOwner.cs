using System.Text.RegularExpressions;

namespace Kubedos.Providers.Local;

/// <summary>The state a lab belongs to: an identity unique to that state, and where it lives (for people).</summary>
/// <param name="Id">
/// The state's identity (the program passes a <c>random:index:RandomId</c> kept in the stack's state): a lowercase
/// label of 8 to 64 characters. Two states with the same stack name have different ids.
/// </param>
/// <param name="Project">The project directory of that state, named in errors so a person knows where to go.</param>
public sealed partial record LabOwner(string Id, string Project)
{
    /// <summary>True when <paramref name="id"/> can be an owner id (a-z, 0-9 and '-', 8 to 64 characters).</summary>
    public static bool IsId(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex(@"^[a-z0-9-]{8,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
