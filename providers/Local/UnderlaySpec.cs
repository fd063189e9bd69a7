using System.Net;

namespace Kubedos.Providers.Local;

/// <summary>What a stack's underlay should be.</summary>
/// <param name="Stack">The stack; all names derive from it.</param>
/// <param name="Cidr">The underlay's IPv4 CIDR; null takes <see cref="LabNames.DefaultUnderlay"/>.</param>
/// <param name="FallbackCidrs">
/// The other lab CIDRs (the planes') that must never leave the machine; the underlay's own CIDR is always covered.
/// </param>
/// <param name="Owner">The state making the underlay; it is recorded before anything is made, and a lab of another owner is refused.</param>
/// <param name="TakeOverUnowned">
/// True only for a state that recorded this lab before lab owners existed: it may claim a lab that has no owner file.
/// </param>
public sealed record UnderlaySpec(string Stack, IPNetwork? Cidr, IReadOnlyList<IPNetwork> FallbackCidrs, LabOwner Owner, bool TakeOverUnowned = false);
