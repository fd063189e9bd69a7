using Kubedos.Engine.Model;
using Kubedos.Spec.Model;

namespace Kubedos.Components.Planes;

/// <summary>
/// What a node's rendered plane firewall opens (<c>kubedos:planes:Firewall</c>): its default
/// between planes and its allow rules, taken from the same flows the nftables renderer writes, so
/// the policy pack judges the ruleset itself.
/// </summary>
internal sealed class FirewallRecord : ComponentResource
{
    public const string TypeToken = Policies.PolicyContract.FirewallType;

    public FirewallRecord(string node, IReadOnlyList<InterPlaneFlow> flows, InterPlaneDefault? defaultInterPlane, ResourceOptions? options = null)
        : base(TypeToken, $"{node}-firewall", new FirewallRecordArgs
        {
            Node = node,
            DefaultInterPlane = defaultInterPlane switch
            {
                InterPlaneDefault.Deny => "deny",
                InterPlaneDefault.Allow => "allow",
                _ => "unset",
            },
            Allow = PropertyValue.Of(flows.Select(f => PropertyValue.Of(PropertyMap.Of(
                ("from", f.From.Name),
                ("to", f.To.Name),
                ("ports", PropertyValue.Of(f.Ports.Select(p => PropertyValue.Of(p.ToString())))))))),
        }, options)
    {
        RegisterOutputs();
    }
}
