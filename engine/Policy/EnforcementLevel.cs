namespace Kubedos.Engine.Policy;

/// <summary>What a violation of a policy does (CrossGuard's levels).</summary>
public enum EnforcementLevel
{
    /// <summary>Reported; the operation goes on.</summary>
    Advisory,

    /// <summary>Reported; <c>preview</c> fails at the end and <c>up</c> stops before any real change.</summary>
    Mandatory,

    /// <summary>The policy does not run.</summary>
    Disabled,
}
