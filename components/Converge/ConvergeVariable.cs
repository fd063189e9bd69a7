using Kubedos.Engine.Model;

namespace Kubedos.Components.Converge;

/// <summary>An extra variable another stage hands one node's converge (a PEM, a member list); a secret stays secret.</summary>
/// <param name="Value">The value.</param>
/// <param name="Secret">True for private material: written for a run only (0600), encrypted in the state, never printed.</param>
internal sealed record ConvergeVariable(Output<string> Value, bool Secret)
{
    public static ConvergeVariable Plain(Output<string> value) => new(value, false);

    public static ConvergeVariable Private(Output<string> value) => new(value, true);
}
