using Kubedos.Engine.Model;

namespace Kubedos.Engine.Automation;

/// <summary>A stack output: its value (secrets unwrapped here; print with care) and whether it is secret.</summary>
public sealed record OutputValue(PropertyValue Value, bool IsSecret)
{
    /// <summary>The value as display text; a secret shows as <c>[secret]</c>.</summary>
    public override string ToString() => IsSecret ? "[secret]" : Value.ToString();
}
