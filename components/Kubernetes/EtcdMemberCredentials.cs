namespace Kubedos.Components.Kubernetes;

/// <summary>What one control-plane node holds beneath the etcd CA: its member's server and peer pairs and the API server's client pair.</summary>
internal sealed record EtcdMemberCredentials(EtcdMember Member, EtcdKeyPair Server, EtcdKeyPair Peer, EtcdKeyPair ApiserverClient);
