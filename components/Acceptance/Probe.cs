namespace Kubedos.Components.Acceptance;

/// <summary>One thing a gate tries: a shell command run on <see cref="From"/> (a node, or <c>operator</c> for the host).</summary>
internal sealed record Probe(string Gate, string From, string To, string What, ProbeExpectation Expect, string Command);
