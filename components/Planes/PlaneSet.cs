using System.Collections.Immutable;
using System.Globalization;
using Kubedos.Components.Substrate;
using Kubedos.Engine.Model;
using Kubedos.Pki;
using Kubedos.Providers.WireGuard;

namespace Kubedos.Components.Planes;

/// <summary>
/// Stage 3 (<c>kubedos:components:PlaneSet</c>): every plane (wg1, wg2, wg3...) on every node,
/// with keys from the WireGuard provider, the spec's deterministic addresses, every peer at its
/// underlay endpoint, and the plane policy enforced by nftables on each node.
/// </summary>
internal sealed class PlaneSet : ComponentResource
{
    public const string TypeToken = "kubedos:components:PlaneSet";

    public PlaneSet(string name, PlaneSetArgs args, ResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var (cluster, nodes, rendered) = (args.Cluster, args.Nodes, args.Rendered);
        var here = StageOptions.ForChildren(this, options);
        var flows = InterPlaneFlow.Of(cluster);
        var carried = InterPlaneFlow.Carried(cluster);
        var rotation = cluster.Security.Rotation.WireguardDays;
        var keys = new Dictionary<(string Node, string Plane), KeyPair>();
        foreach (var node in nodes)
        {
            foreach (var plane in cluster.Planes)
            {
                keys[(node.Name, plane.Name)] = new KeyPair($"{node.Name}-{plane.Name}", new KeyPairArgs
                {
                    RotationDays = rotation,
                    // A machine made anew gets new keys: the old ones left with the machine that failed.
                    Keepers = new Dictionary<string, Input<string>> { ["node"] = node.Name, ["plane"] = plane.Name, ["instance"] = node.Substrate.Instance },
                }, here);
            }
        }

        // The host is the operator's peer on the control plane: the engine reaches nodes over it.
        var control = cluster.ControlPlane;
        var operatorKey = new KeyPair($"operator-{control.Name}", new KeyPairArgs
        {
            RotationDays = rotation,
            Keepers = new Dictionary<string, Input<string>> { ["plane"] = control.Name, ["peer"] = "operator" },
        }, here);
        var publicKeys = Output.All(keys.Select(kv => kv.Value.PublicKey.Apply(k => KeyValuePair.Create(kv.Key, k))))
            .Apply(all => all.ToImmutableDictionary());
        var underlay = nodes.ToDictionary(n => n.Name, n => n.Substrate.UnderlayAddress, StringComparer.Ordinal);
        var ready = new List<Resource>();
        var defaultInterPlane = cluster.PlanePolicy.DefaultInterPlane;
        var policy = PlanePolicyRenderer.Render(cluster.Planes, flows, defaultInterPlane);

        // What the run builds, as the policy pack sees it: each plane's network and each node's firewall.
        foreach (var plane in cluster.Planes)
        {
            _ = new PlaneRecord(plane, new ResourceOptions { Parent = this });
        }

        foreach (var node in nodes)
        {
            var channel = node.Substrate.Channel;
            var self = node.Substrate.Node;
            var planeUps = new List<Resource>();

            // The policy is in force before any plane comes up, so no plane is ever open unfiltered.
            var policyFile = channel.WriteFile("nftables-planes", PlanePolicyRenderer.Path, policy, "0600", here);
            var firewall = channel.Run(
                "nftables-planes", ["nft", "-f", PlanePolicyRenderer.Path], [policyFile.Sha256], here.After(policyFile.Resource));
            rendered.Write(node.Name, "nftables-planes.nft", policy);
            _ = new FirewallRecord(node.Name, flows, defaultInterPlane, new ResourceOptions { Parent = this });
            foreach (var plane in cluster.Planes)
            {
                var config = Output.Tuple<string, ImmutableDictionary<(string Node, string Plane), string>, string>(
                    keys[(node.Name, plane.Name)].PrivateKey, publicKeys, operatorKey.PublicKey).Apply(t =>
                    {
                        var peers = WireGuardConfigRenderer.Peers(plane, self, cluster.Nodes, carried, peer => t.Item2[(peer.Name, plane.Name)], peer => underlay[peer.Name]);
                        return WireGuardConfigRenderer.RenderConfig(
                            plane, t.Item1, plane.Name == control.Name ? [.. peers, new PlanePeer(OperatorPeer, t.Item3, null, [$"{plane.OperatorAddress}/32"])] : peers);
                    });
                _ = config.Apply(text =>
                {
                    rendered.Write(node.Name, $"{plane.Name}.conf", WireGuardConfigRenderer.Redact(text));
                    return text.Length;
                });
                var wgInterface = channel.WireGuardInterface(plane.Name, here);
                var file = channel.WriteFile($"{plane.Name}-conf", WireGuardConfigRenderer.ConfigPath(plane.Name), config.AsSecret(), "0600", here);
                var up = channel.Run(
                    $"{plane.Name}-up",
                    ["sh", "-c", WireGuardConfigRenderer.RenderUpScript(plane, self, cluster.Planes, carried)],
                    [file.Sha256, wgInterface.Urn],
                    here.After(wgInterface, file.Resource, firewall.Resource));
                planeUps.Add(up.Resource);
            }

            ready.AddRange(planeUps);
            ready.Add(firewall.Resource);
        }

        // The operator's host joins the control plane the way the substrate provides (on the local lab, the host itself).
        var operatorPeers = nodes.Select(node => new OperatorPeerNode(
            publicKeys.Apply(all => all[(node.Name, control.Name)]),
            $"{node.Substrate.UnderlayAddress}:{control.ListenPort.ToString(CultureInfo.InvariantCulture)}",
            [$"{node.Substrate.Node.PlaneAddresses[control.Name]}/32"])).ToList();
        Operator = args.OperatorAccess.AddPeer(
            $"operator-{control.Name}",
            new OperatorPeering($"{control.OperatorAddress}/{control.Cidr.PrefixLength.ToString(CultureInfo.InvariantCulture)}", operatorKey.PrivateKey, operatorPeers),
            here.After(ready));
        ready.Add(Operator);
        Ready = ready;
        PublicKeys = publicKeys.Apply(all => all.ToDictionary(kv => $"{kv.Key.Node}/{kv.Key.Plane}", kv => kv.Value, StringComparer.Ordinal));
        KeysDigest = PublicKeys.Apply(keys => Sha256Hex.Of(string.Join('\n', keys.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}={k.Value}"))));
        RegisterOutputs(new Dictionary<string, object?> { ["publicKeys"] = PublicKeys });
    }

    /// <summary>The name of the operator's peer in node configurations.</summary>
    public const string OperatorPeer = "operator";

    /// <summary>The host's own peer on the control plane.</summary>
    public Resource Operator { get; }

    /// <summary>Every plane's public key by <c>node/plane</c>.</summary>
    public Output<Dictionary<string, string>> PublicKeys { get; }

    /// <summary>The SHA-256 of every public key (sorted <c>node/plane=key</c> lines): it changes whenever a plane key does, as a trigger for what must run again then.</summary>
    public Output<string> KeysDigest { get; }

    /// <summary>The resources that, once done, mean every plane is up and its policy enforced.</summary>
    public IReadOnlyList<Resource> Ready { get; }
}
