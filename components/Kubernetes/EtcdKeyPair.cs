using Kubedos.Engine.Model;

namespace Kubedos.Components.Kubernetes;

/// <summary>A certificate beneath the etcd CA and its key; the key is a secret output and goes to its node and nowhere else.</summary>
/// <param name="File">kubeadm's base name under <c>/etc/kubernetes/pki/</c>.</param>
/// <param name="CertificatePem">The certificate, PEM.</param>
/// <param name="PrivateKeyPem">The key, PKCS#8 PEM. A secret.</param>
internal sealed record EtcdKeyPair(string File, Output<string> CertificatePem, Output<string> PrivateKeyPem);
