using System.Collections.Immutable;
using Kubedos.Components.Firstboot;
using Kubedos.Engine.Model;
using Kubedos.Providers.WireGuard;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Planes;

/// <summary>
/// Stage 3 (<c>kubedos:components:PlaneSet</c>): every plane (wg1, wg2, wg3...) on every node,
/// with keys from the WireGuard provider, the spec's deterministic addresses, every peer at its
/// underlay endpoint, and the plane policy enforced by nftables on each node.
/// </summary>
internal sealed class PlaneSet : ComponentResource
{
    public const string TypeToken = "kubedos:components:PlaneSet";

    public PlaneSet(string name, NormalisedCluster cluster, IReadOnlyList<FirstbootNode> nodes, RenderedFiles rendered, ResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(rendered);
        // A component's DependsOn does not reach its children by itself: every child carries it.
        var here = new ResourceOptions { Parent = this, DependsOn = options?.DependsOn ?? [] };
        var flows = InterPlaneFlow.Of(cluster);
        var rotation = cluster.Document.Spec.Security.Rotation.WireguardDays;
        var keys = new Dictionary<(string Node, string Plane), KeyPair>();
        foreach (var node in nodes)
        {
            foreach (var plane in cluster.Planes)
            {
                keys[(node.Name, plane.Name)] = new KeyPair($"{node.Name}-{plane.Name}", new KeyPairArgs
                {
                    RotationDays = rotation,
                    Keepers = new Dictionary<string, Input<string>> { ["node"] = node.Name, ["plane"] = plane.Name },
                }, here);
            }
        }

        var publicKeys = Output.All(keys.Select(kv => kv.Value.PublicKey.Apply(k => KeyValuePair.Create(kv.Key, k))))
            .Apply(all => all.ToImmutableDictionary());
        var underlay = nodes.ToDictionary(n => n.Name, n => n.Substrate.UnderlayAddress, StringComparer.Ordinal);
        var ready = new List<Resource>();
        var policy = PlanePolicyRenderer.Render(cluster.Planes, flows, cluster.Document.Spec.Networking.Policy.DefaultInterPlane);
        foreach (var node in nodes)
        {
            var channel = node.Substrate.Channel;
            var self = node.Substrate.Node;
            var planeUps = new List<Resource>();

            // The policy is in force before any plane comes up, so no plane is ever open unfiltered.
            var policyFile = channel.WriteFile("nftables-planes", PlanePolicyRenderer.Path, policy, "0600", here);
            var firewall = channel.Run(
                "nftables-planes", ["nft", "-f", PlanePolicyRenderer.Path], [policyFile.Sha256], here with { DependsOn = [.. here.DependsOn, policyFile.Resource] });
            rendered.Write(node.Name, "nftables-planes.nft", policy);
            foreach (var plane in cluster.Planes)
            {
                var config = Output.Tuple<string, ImmutableDictionary<(string Node, string Plane), string>>(keys[(node.Name, plane.Name)].PrivateKey, publicKeys).Apply(t =>
                    WireGuardConfigRenderer.RenderConfig(
                        plane,
                        t.Item1,
                        WireGuardConfigRenderer.Peers(plane, self, cluster.Nodes, flows, peer => t.Item2[(peer.Name, plane.Name)], peer => underlay[peer.Name])));
                _ = config.Apply(text =>
                {
                    rendered.Write(node.Name, $"{plane.Name}.conf", WireGuardConfigRenderer.Redact(text));
                    return text.Length;
                });
                var wgInterface = channel.WireGuardInterface(plane.Name, here);
                var file = channel.WriteFile($"{plane.Name}-conf", WireGuardConfigRenderer.ConfigPath(plane.Name), config.AsSecret(), "0600", here);
                var up = channel.Run(
                    $"{plane.Name}-up",
                    ["sh", "-c", WireGuardConfigRenderer.RenderUpScript(plane, self, cluster.Planes, flows)],
                    [file.Sha256, wgInterface.Urn],
                    here with { DependsOn = [.. here.DependsOn, wgInterface, file.Resource, firewall.Resource] });
                planeUps.Add(up.Resource);
            }

            ready.AddRange(planeUps);
            ready.Add(firewall.Resource);
        }

        Ready = ready;
        PublicKeys = publicKeys.Apply(all => all.ToDictionary(kv => $"{kv.Key.Node}/{kv.Key.Plane}", kv => kv.Value, StringComparer.Ordinal));
        RegisterOutputs(new Dictionary<string, object?> { ["publicKeys"] = PublicKeys });
    }

    /// <summary>Every plane's public key by <c>node/plane</c>.</summary>
    public Output<Dictionary<string, string>> PublicKeys { get; }

    /// <summary>The resources that, once done, mean every plane is up and its policy enforced.</summary>
    public IReadOnlyList<Resource> Ready { get; }
}
