namespace Kubedos.Image.Build;

/// <summary>Where a build is: its phase, what it is doing, and the time since it started.</summary>
public sealed record BuildProgress(string Phase, string Detail, TimeSpan Elapsed);
