using Kubedos.Engine.Model;

namespace Kubedos.Components.Enrollment;

/// <summary>What a node needs to enroll at first boot: its token file and the agent command that reads it.</summary>
/// <param name="Node">The node.</param>
/// <param name="TokenPath">Where the token file goes on the node (mode 0600).</param>
/// <param name="TokenFile">The file's content: the enrollment token bound to the CA pin. A secret.</param>
/// <param name="Argv">The <c>kubedos-agent enroll</c> command line (the token is never on it).</param>
internal sealed record AgentEnrollment(string Node, string TokenPath, Output<string> TokenFile, IReadOnlyList<string> Argv);
