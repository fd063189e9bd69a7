namespace Kubedos.Providers.Ansible;

/// <summary>One host's line of the play recap.</summary>
public sealed record HostRecap(int Ok, int Changed, int Failures, int Unreachable, int Skipped)
{
    /// <summary>The recap as the state records it.</summary>
    public Dictionary<string, int> ToMap() => new(StringComparer.Ordinal)
    {
        ["ok"] = Ok,
        ["changed"] = Changed,
        ["failures"] = Failures,
        ["unreachable"] = Unreachable,
        ["skipped"] = Skipped,
    };

    public override string ToString() => $"ok={Ok} changed={Changed} failed={Failures} unreachable={Unreachable} skipped={Skipped}";
}
