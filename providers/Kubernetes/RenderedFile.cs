using Kubedos.Engine.Model;

namespace Kubedos.Providers.Kubernetes;

/// <summary>
/// <c>kubernetes:yaml:RenderedFile</c>: one rendered YAML file in a render directory (Pulumi.Kubernetes's
/// <c>renderYamlToDirectory</c>): written on create and update, removed on delete, re-read by refresh.
/// </summary>
public sealed class RenderedFile : CustomResource
{
    public const string TypeToken = "kubernetes:yaml:RenderedFile";

    public RenderedFile(string name, RenderedFileArgs args, ResourceOptions? options = null)
        : base(TypeToken, name, args, options)
    {
    }

    /// <summary>The file's absolute path.</summary>
    public Output<string> FullPath { get; private set; } = null!;

    /// <summary>The SHA-256 (lowercase hex) of the file's UTF-8 bytes; after a refresh, of what is on disk.</summary>
    public Output<string> Sha256 { get; private set; } = null!;
}
