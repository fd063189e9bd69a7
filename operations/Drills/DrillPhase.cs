namespace Kubedos.Operations.Drills;

/// <summary>The phases a drill times (spec §17.2: reports record timestamps).</summary>
internal enum DrillPhase
{
    /// <summary>The host failure was injected.</summary>
    Fault,

    /// <summary>The acceptance gates reported that their evidence no longer holds.</summary>
    Detected,

    /// <summary>The engine finished replacing what was lost (the last step outside the gates).</summary>
    Recovered,

    /// <summary>Every gate ran again and passed.</summary>
    Verified,
}
