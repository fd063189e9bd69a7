namespace Kubedos.Components.Seal;

/// <summary>One recovery procedure of <c>runbooks.md</c>: its title, the command (a kubedos verb this build has), what it does, what it needs.</summary>
internal sealed record RunbookEntry(string Title, string Verb, string Command, string Does, string Needs);
