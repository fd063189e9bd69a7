namespace Kubedos.Seal.Bundle;

/// <summary>One check of a bundle: the file it is about, the rule, whether it held, and what was seen.</summary>
public sealed record BundleCheck(string File, string Rule, bool Passed, string Detail)
{
    public override string ToString() => $"{File}: {Rule}: {(Passed ? "ok" : "FAILED")}: {Detail}";
}
