namespace Kubedos.Engine.Model;

/// <summary>A resource's name in Pulumi's format: <c>urn:pulumi:&lt;stack&gt;::&lt;project&gt;::&lt;qualified type&gt;::&lt;name&gt;</c>.</summary>
/// <remarks>
/// The qualified type is the parent chain's types joined by <c>$</c>, ending with the resource's
/// own type; children of the root stack carry no prefix. Everything after the third <c>::</c> is
/// the name, so a name may itself contain <c>::</c>.
/// </remarks>
public sealed record Urn
{
    private const string Prefix = "urn:pulumi:";

    private Urn(string stack, string project, string qualifiedType, string name)
    {
        Stack = stack;
        Project = project;
        QualifiedType = qualifiedType;
        Name = name;
        Value = $"{Prefix}{stack}::{project}::{qualifiedType}::{name}";
    }

    public string Stack { get; }

    public string Project { get; }

    /// <summary>The parent types and the own type joined by <c>$</c>.</summary>
    public string QualifiedType { get; }

    public string Name { get; }

    /// <summary>The full URN text.</summary>
    public string Value { get; }

    /// <summary>The resource's own type token (the last part of the qualified type).</summary>
    public string Type
    {
        get
        {
            var i = QualifiedType.LastIndexOf('$');
            return i < 0 ? QualifiedType : QualifiedType[(i + 1)..];
        }
    }

    /// <summary>The qualified type a child of this resource prefixes to its own type.</summary>
    /// <remarks>The root stack's type is not carried into its children's URNs.</remarks>
    public string QualifiedTypeForChildren => Type == RootStackType ? string.Empty : QualifiedType;

    /// <summary>The type token of the root stack resource.</summary>
    public const string RootStackType = "pulumi:pulumi:Stack";

    /// <summary>Makes a URN; <paramref name="parentQualifiedType"/> is empty for children of the stack.</summary>
    public static Urn Create(string stack, string project, string parentQualifiedType, string type, string name)
    {
        Require(stack, nameof(stack));
        Require(project, nameof(project));
        Require(type, nameof(type));
        Require(name, nameof(name));
        if (stack.Contains("::", StringComparison.Ordinal) || project.Contains("::", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Stack and project names may not contain '::' (stack '{stack}', project '{project}').");
        }

        if (type.Contains('$', StringComparison.Ordinal) || type.Contains("::", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Type token '{type}' may not contain '$' or '::'.", nameof(type));
        }

        var qualified = string.IsNullOrEmpty(parentQualifiedType) ? type : parentQualifiedType + "$" + type;
        return new Urn(stack, project, qualified, name);
    }

    /// <summary>Parses a URN, throwing <see cref="FormatException"/> naming the text when it is malformed.</summary>
    public static Urn Parse(string text) =>
        TryParse(text, out var urn) ? urn : throw new FormatException($"'{text}' is not a URN of the form urn:pulumi:<stack>::<project>::<type>::<name>.");

    public static bool TryParse(string? text, out Urn urn)
    {
        urn = null!;
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = text[Prefix.Length..].Split("::", 4);
        if (parts.Length != 4 || parts.Any(string.IsNullOrEmpty))
        {
            return false;
        }

        urn = new Urn(parts[0], parts[1], parts[2], parts[3]);
        return true;
    }

    private static void Require(string value, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"A URN needs a non-empty {what}.", what);
        }
    }

    public override string ToString() => Value;
}
