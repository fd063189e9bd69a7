namespace Kubedos.Spec.Validation;

/// <summary>A rule's finding: the field path at fault and what is wrong with it.</summary>
internal sealed record SpecFinding(string Path, string Message);
