using System.Security.Cryptography;
using System.Text;

namespace Kubedos.Components.Kubernetes;

/// <summary>One rendered file of <c>out/&lt;stack&gt;/kubernetes/</c>: its path there ('/'-separated), its YAML text, and the kind of the Kubernetes object it holds (null for other YAML: Helm values, kubeadm configurations).</summary>
internal sealed record ManifestFile(string Path, string Content, string? Kind = null)
{
    /// <summary>The SHA-256 of the text's UTF-8 bytes, lowercase hex (what <c>sha256sum</c> prints for the written file).</summary>
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Content)));
}
