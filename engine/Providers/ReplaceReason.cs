namespace Kubedos.Engine.Providers;

/// <summary>A property whose change forces a replacement, and why (shown to the person: "why is this replaced?").</summary>
public sealed record ReplaceReason(string Property, string Reason);
