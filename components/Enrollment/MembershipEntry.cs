namespace Kubedos.Components.Enrollment;

/// <summary>One line of <c>out/&lt;stack&gt;/inventory.json</c>: a member of the cluster (public facts only).</summary>
/// <param name="Node">The node name.</param>
/// <param name="Role"><c>control-plane</c> or <c>worker</c>.</param>
/// <param name="PlaneAddresses">Its address on every plane.</param>
/// <param name="CertificateSerial">The serial of its identity certificate (what <c>kubedos node revoke</c> lists).</param>
internal sealed record MembershipEntry(string Node, string Role, IReadOnlyDictionary<string, string> PlaneAddresses, string CertificateSerial);
