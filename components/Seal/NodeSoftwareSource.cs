namespace Kubedos.Components.Seal;

/// <summary>
/// Where the node SBOM's packages are read: a root filesystem with its own dpkg database, the packages the nodes run
/// from it, and the stores holding their <c>.deb</c> files. Nodes on the host's files (<c>nodeRoot: host</c>) run the host's
/// packages; nodes made from the node image run the image's, read from the tree they run (the image, when built, also has
/// its own SBOM with every <c>.deb</c> digest: <see cref="NodeImageEvidence"/>).
/// </summary>
/// <param name="Root">The root filesystem whose <c>var/lib/dpkg/status</c> is read.</param>
/// <param name="Packages">The packages the nodes run (their dependency closure is listed).</param>
/// <param name="DebStores">Directories searched for <c>NAME_VERSION_ARCH.deb</c>.</param>
/// <param name="Description">What the SBOM says about its source, in words.</param>
internal sealed record NodeSoftwareSource(string Root, IReadOnlyList<string> Packages, IReadOnlyList<string> DebStores, string Description)
{
    /// <summary>
    /// The local lab: a node is a network namespace on this machine and runs the host's binaries (sshd, wireguard-go,
    /// wg, nft, ip, ping, nc, sysctl, mount/unshare/nsenter, useradd, ssh-keygen), so the host's dpkg database is the truth.
    /// </summary>
    public static NodeSoftwareSource LabHost { get; } = new(
        "/",
        ["openssh-server", "openssh-client", "wireguard-go", "wireguard-tools", "nftables", "iproute2", "iputils-ping", "netcat-openbsd", "procps", "util-linux", "passwd"],
        ["/var/cache/apt/archives"],
        "the host's dpkg database (/var/lib/dpkg/status): the local lab's nodes run the host's Debian packages (they do not run the node image yet), so these are the packages the nodes execute, not an image's");

    /// <summary>Lab nodes made from the node image (<c>nodeRoot: image</c>): the unpacked image they run is the truth.</summary>
    /// <param name="tree">The unpacked rootfs the nodes' overlays are made from.</param>
    /// <param name="sha256">The rootfs tarball's digest (named in the description).</param>
    /// <param name="packages">The image's declared packages (their dependency closure is listed).</param>
    public static NodeSoftwareSource LabImage(string tree, string sha256, IReadOnlyList<string> packages) => new(
        tree,
        packages,
        [],
        $"the node image's dpkg database (rootfs sha256:{sha256}, unpacked at {tree}): every lab node runs in an overlay over this image, so these are the packages the nodes execute");
}
