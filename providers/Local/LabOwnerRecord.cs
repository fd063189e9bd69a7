namespace Kubedos.Providers.Local;

/// <summary>The owner file of a lab stack (<c>LabRoot/stack/owner.json</c>): which state made the lab, and when.</summary>
/// <param name="Id">The owner's id (<see cref="LabOwner.Id"/>).</param>
/// <param name="Stack">The stack name.</param>
/// <param name="Project">The owner's project directory.</param>
/// <param name="Created">When the owner claimed the lab.</param>
public sealed record LabOwnerRecord(string Id, string Stack, string Project, DateTimeOffset Created);
