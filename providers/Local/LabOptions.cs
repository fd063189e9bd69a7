namespace Kubedos.Providers.Local;

/// <summary>Where a lab keeps its nodes' state on the host.</summary>
/// <param name="LabRoot">Node state lives in <c>LabRoot/stack/node</c>.</param>
public sealed record LabOptions(string LabRoot)
{
    /// <summary>The lab root of a real machine.</summary>
    public const string DefaultLabRoot = "/var/lib/kubedos/lab";

    /// <summary>The defaults: <see cref="DefaultLabRoot"/>.</summary>
    public static LabOptions Default { get; } = new(DefaultLabRoot);

    /// <summary>The state directory of one node.</summary>
    public string NodeDirectory(string stack, string node) =>
        Path.Combine(LabRoot, LabNames.CheckName(stack, "stack"), LabNames.CheckName(node, "node"));

    /// <summary>Where node images are unpacked, one tree per rootfs digest (beside the lab root: <c>/var/lib/kubedos/images</c>).</summary>
    public string ImageRoot => Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(LabRoot))!, "images");

    /// <summary>The owner file of a stack's lab: which state made it (see <see cref="LabOwnerRecord"/>).</summary>
    public string OwnerFile(string stack) => Path.Combine(StackDirectory(stack), "owner.json");

    /// <summary>The directory holding a stack's nodes.</summary>
    public string StackDirectory(string stack) => Path.Combine(LabRoot, LabNames.CheckName(stack, "stack"));
}
