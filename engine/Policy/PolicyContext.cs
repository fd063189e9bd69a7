namespace Kubedos.Engine.Policy;

/// <summary>The deployment a policy runs in.</summary>
/// <param name="Project">The project name.</param>
/// <param name="Stack">The stack name.</param>
/// <param name="IsPreview">True in <c>preview</c> (inputs may be unknown), false in <c>up</c>.</param>
public sealed record PolicyContext(string Project, string Stack, bool IsPreview);
