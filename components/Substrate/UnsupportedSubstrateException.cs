namespace Kubedos.Components.Substrate;

/// <summary>The spec asks for a substrate this build has no provider for.</summary>
public sealed class UnsupportedSubstrateException : Exception
{
    /// <param name="substrateType">The type the spec names.</param>
    /// <param name="builtIn">The types this build has an implementation of.</param>
    public UnsupportedSubstrateException(string substrateType, IReadOnlyList<string> builtIn)
        : base($"spec.substrate.type '{substrateType}': no provider for the '{substrateType}' substrate is built into this version of kubedos; "
            + $"the substrates built in are: {string.Join(", ", builtIn ?? [])}")
    {
        SubstrateType = substrateType;
    }

    /// <summary>The substrate type the spec names.</summary>
    public string SubstrateType { get; }
}
