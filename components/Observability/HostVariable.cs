using Kubedos.Engine.Model;

namespace Kubedos.Components.Observability;

/// <summary>One per-host variable a stage hands to converge (the contract's typed map node -&gt; name -&gt; value, secret flag).</summary>
/// <param name="Name">The Ansible variable name.</param>
/// <param name="Value">Its value (a PEM, a rendered configuration, an address).</param>
/// <param name="Secret">True for private keys: converge keeps it out of <c>out/</c> and out of the state in clear.</param>
internal sealed record HostVariable(string Name, Output<string> Value, bool Secret);
