using Kubedos.Engine.Automation;
using Kubedos.Engine.Model;
using Kubedos.Engine.State;

namespace Kubedos.Operations.Drills;

/// <summary>
/// What the stack records about one node's identity, read from its outputs and state the way an operator would: its
/// incarnation and SSH host key (output <c>nodes</c>), its plane public keys (the PlaneSet's <c>publicKeys</c>) and the
/// certificate serial its enrollment was issued (output <c>inventory</c>). A replacement must change every one of them.
/// </summary>
internal sealed record NodeFacts(string Node, string? Instance, string? HostKeyFingerprint, IReadOnlyDictionary<string, string> PlaneKeys, string? CertificateSerial)
{
    /// <summary>The type of the component whose <c>publicKeys</c> output lists every plane key by <c>node/plane</c>.</summary>
    public const string PlaneSetType = "kubedos:components:PlaneSet";

    public static NodeFacts Of(string node, IReadOnlyDictionary<string, OutputValue> outputs, Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var described = Entry(outputs, "nodes", node);
        var enrolled = Entry(outputs, "inventory", node);
        var planeKeys = checkpoint.Resources
            .Where(r => !r.Delete && r.Type == PlaneSetType)
            .SelectMany(r => r.Outputs.GetOrDefault("publicKeys")?.Unwrapped is { Kind: PropertyValueKind.Object } keys ? keys.AsObject() : PropertyMap.Empty)
            .Where(kv => kv.Key.StartsWith(node + "/", StringComparison.Ordinal) && kv.Value.Unwrapped.Kind == PropertyValueKind.String)
            .ToDictionary(kv => kv.Key[(node.Length + 1)..], kv => kv.Value.Unwrapped.AsString(), StringComparer.Ordinal);
        return new NodeFacts(node, Text(described, "instance"), Text(described, "hostKeyFingerprint"), planeKeys, Text(enrolled, "certificateSerial"));
    }

    /// <summary>What about <paramref name="before"/> this replacement failed to renew, one line each; empty when it is a new machine throughout.</summary>
    public IReadOnlyList<string> NotRenewedSince(NodeFacts before)
    {
        ArgumentNullException.ThrowIfNull(before);
        var stale = new List<string>();
        if (Instance is null || Instance == before.Instance)
        {
            stale.Add($"node {Node} was not made anew (instance {Instance ?? "unrecorded"})");
        }

        if (HostKeyFingerprint is null || HostKeyFingerprint == before.HostKeyFingerprint)
        {
            stale.Add($"node {Node} kept its SSH host key ({HostKeyFingerprint ?? "unrecorded"})");
        }

        if (PlaneKeys.Count == 0)
        {
            stale.Add($"node {Node} has no plane keys in the state");
        }

        foreach (var (plane, key) in PlaneKeys.Where(p => before.PlaneKeys.GetValueOrDefault(p.Key) == p.Value))
        {
            stale.Add($"node {Node} kept its {plane} key {key}");
        }

        if (CertificateSerial is null || CertificateSerial == before.CertificateSerial)
        {
            stale.Add($"node {Node} did not enroll again with a fresh token (certificate serial {CertificateSerial ?? "unrecorded"})");
        }

        return stale;
    }

    private static PropertyMap Entry(IReadOnlyDictionary<string, OutputValue> outputs, string output, string node) =>
        outputs.GetValueOrDefault(output)?.Value.Unwrapped is { Kind: PropertyValueKind.Object } all
        && all.AsObject().GetOrDefault(node)?.Unwrapped is { Kind: PropertyValueKind.Object } entry
            ? entry.AsObject()
            : PropertyMap.Empty;

    private static string? Text(PropertyMap map, string key) =>
        map.GetOrDefault(key)?.Unwrapped is { Kind: PropertyValueKind.String } value ? value.AsString() : null;
}
