namespace Kubedos.Spec.Validation.Support;

/// <summary>One field this build does not carry out fully, and why.</summary>
/// <param name="Path">The field's path; <c>[]</c> stands for any list item (<c>spec.nodes.inventory[].disks</c>).</param>
/// <param name="Kind">What is refused.</param>
/// <param name="Reason">Why the field would have no effect, in a clause.</param>
/// <param name="Values">For <see cref="FieldSupportKind.SupportedValues"/>: the values carried out, as the spec writes them.</param>
internal sealed record FieldSupportEntry(string Path, FieldSupportKind Kind, string Reason, IReadOnlyList<string> Values)
{
    /// <summary>What this build does with the field, in the words of the schema and the README.</summary>
    public string Verdict => Kind switch
    {
        FieldSupportKind.RefusedWhenSet => $"not supported by this build yet ({Reason}): refused when set",
        FieldSupportKind.RefusedWhenTrue => $"only false is supported by this build yet ({Reason}): true is refused",
        _ => $"this build supports only {string.Join(", ", Values)} ({Reason}): other values are refused",
    };
}
