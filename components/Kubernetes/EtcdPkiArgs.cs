using Kubedos.Engine.Model;

namespace Kubedos.Components.Kubernetes;

/// <summary>What <see cref="EtcdPki"/> is built from.</summary>
internal sealed record EtcdPkiArgs
{
    /// <summary>The members (control-plane nodes and their etcd-plane addresses).</summary>
    public required EtcdMembership Membership { get; init; }

    /// <summary>The cluster intermediate, which signs the etcd CA (its path length must allow one CA beneath it).</summary>
    public required Output<string> IntermediateCertPem { get; init; }

    /// <summary>The intermediate's key (a secret).</summary>
    public required Output<string> IntermediateKeyPem { get; init; }

    /// <summary>Leaf lifetime in days, <c>security.rotation.nodeCertDays</c>.</summary>
    public required int LeafDays { get; init; }

    /// <summary><c>out/&lt;stack&gt;</c>; public certificates go to its <c>pki/etcd/</c>.</summary>
    public required string OutDirectory { get; init; }
}
