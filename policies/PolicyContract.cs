namespace Kubedos.Policies;

/// <summary>The type tokens and input names the policies read; components register these (see <c>policies/README.md</c>).</summary>
internal static class PolicyContract
{
    /// <summary>One fact of the ClusterSpec (<see cref="SpecFact"/>): inputs <c>path</c> and <c>value</c>, named by its spec path.</summary>
    public const string SpecFactType = "kubedos:policy:SpecFact";

    /// <summary>A plane as the stack builds it: inputs <c>name</c>, <c>cidr</c>.</summary>
    public const string PlaneType = "kubedos:planes:Plane";

    /// <summary>A node's rendered firewall: inputs <c>node</c>, <c>defaultInterPlane</c>, <c>allow</c> (<c>[{from, to, ports[]}]</c>).</summary>
    public const string FirewallType = "kubedos:planes:Firewall";

    /// <summary>The enrollment service: input <c>mode</c> (a gated mode of <c>spec.security.enrollment.mode</c>).</summary>
    public const string EnrollmentType = "kubedos:components:Enrollment";

    /// <summary>A disk operation the converge stage runs: input <c>operation</c> (<c>wipe</c> or <c>repartition</c>), <c>node</c>.</summary>
    public const string DiskOperationType = "kubedos:converge:DiskOperation";

    /// <summary>A Kubernetes reset of a node (kubeadm reset): input <c>node</c>.</summary>
    public const string KubernetesResetType = "kubedos:kubernetes:Reset";

    /// <summary>Substrate node types: deleting or replacing one destroys a machine. Input <c>name</c> is the inventory name.</summary>
    /// <remarks>The contract names the tokens; a test holds every substrate's node type to it, so a rename cannot blind a policy.</remarks>
    public static readonly IReadOnlyList<string> NodeTypes = ["local:lab:Node"];

    /// <summary>Substrate volume types: deleting or replacing one destroys data.</summary>
    public static readonly IReadOnlyList<string> VolumeTypes = ["kubedos:substrate:Volume", "local:lab:Disk"];

    public const string AllowDestroyPath = "spec.substrate.allowDestroy";
    public const string AllowResetPath = "spec.kubernetes.allowReset";
    public const string AllowWipePath = "spec.orchestration.ansible.safety.allowWipe";
    public const string AllowRepartitionPath = "spec.orchestration.ansible.safety.allowRepartition";
    public const string HaEnabledPath = "spec.kubernetes.ha.enabled";
    public const string InventoryPath = "spec.nodes.inventory";
    public const string PlanesPath = "spec.networking.planes";
    public const string PodCidrPath = "spec.kubernetes.podCidr";
    public const string ServiceCidrPath = "spec.kubernetes.serviceCidr";
    public const string PlanePolicyPath = "spec.networking.policy";
    public const string SshPath = "spec.security.ssh";
    public const string EnrollmentModePath = "spec.security.enrollment.mode";
    public const string JoinWindowPath = "spec.security.enrollment.joinWindowMinutes";
    public const string BootstrapModelPath = "spec.security.bootstrap.model";
    public const string KubernetesVersionPath = "spec.kubernetes.version";
    public const string AnsibleVersionPath = "spec.orchestration.ansible.version";
}
