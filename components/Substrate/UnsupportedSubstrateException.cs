namespace Kubedos.Components.Substrate;

/// <summary>The spec asks for a substrate this build has no provider for.</summary>
public sealed class UnsupportedSubstrateException : Exception
{
    public UnsupportedSubstrateException(string substrateType)
        : base($"spec.substrate.type '{substrateType}': no provider for the '{substrateType}' substrate is built into this version of kubedos; "
            + "the substrates built in are: local")
    {
        SubstrateType = substrateType;
    }

    /// <summary>The substrate type the spec names.</summary>
    public string SubstrateType { get; }
}
