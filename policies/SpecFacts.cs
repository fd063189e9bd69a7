using System.Reflection;
using System.Runtime.Serialization;
using Kubedos.Engine.Model;
using Kubedos.Engine.Policy;
using Kubedos.Spec.Loading;
using Kubedos.Spec.Model;
using Kubedos.Spec.Validation;

namespace Kubedos.Policies;

/// <summary>Registers the ClusterSpec settings the policy pack judges by, each as a <see cref="SpecFact"/> at its spec line.</summary>
internal static class SpecFacts
{
    /// <summary>Registers every fact of <paramref name="spec"/> (children of <paramref name="parent"/> when given); call once from the stack's program.</summary>
    public static IReadOnlyList<SpecFact> Register(ClusterSpec spec, SourceMap sources, Resource? parent = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(sources);
        return [.. Of(spec).Select(f => new SpecFact(f.Path, f.Value, new ResourceOptions { Parent = parent, SourcePosition = Locate(sources, f.Path) }))];
    }

    /// <summary>Registers every fact of a spec that passed validation, each at its line in <paramref name="validated"/>'s file.</summary>
    /// <exception cref="ArgumentException">The spec did not pass validation.</exception>
    public static IReadOnlyList<SpecFact> Register(SpecLoadResult validated, Resource? parent = null)
    {
        ArgumentNullException.ThrowIfNull(validated);
        return validated.Succeeded && validated.Document is { } document
            ? Register(document.Spec, validated.Sources, parent)
            : throw new ArgumentException("only a spec that passed validation has facts to register", nameof(validated));
    }

    /// <summary>Where <paramref name="path"/> is written in the spec, as a resource's source position.</summary>
    public static PolicySourceLocation Locate(SourceMap sources, string path)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var at = sources.Locate(path);
        return new PolicySourceLocation(at.File, at.Line, at.Column);
    }

    /// <summary>The facts of <paramref name="spec"/> by spec path.</summary>
    public static IEnumerable<(string Path, PropertyValue Value)> Of(ClusterSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        yield return (PolicyContract.AllowDestroyPath, spec.Substrate.AllowDestroy);
        yield return (PolicyContract.AllowResetPath, spec.Kubernetes.AllowReset);
        yield return (PolicyContract.AllowWipePath, spec.Orchestration.Ansible.Safety.AllowWipe);
        yield return (PolicyContract.AllowRepartitionPath, spec.Orchestration.Ansible.Safety.AllowRepartition);
        yield return (PolicyContract.HaEnabledPath, spec.Kubernetes.Ha.Enabled);
        for (var i = 0; i < spec.Nodes.Inventory.Count; i++)
        {
            var node = spec.Nodes.Inventory[i];
            yield return ($"{PolicyContract.InventoryPath}[{i}]", PropertyMap.Of(("name", node.Name), ("role", Text(node.Role))));
        }

        foreach (var (name, plane) in spec.Networking.Planes.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            yield return ($"{PolicyContract.PlanesPath}.{name}", PropertyMap.Of(("name", name), ("cidr", plane.Cidr)));
        }

        // The pod and service networks exist only where validation judges them (Kubernetes enabled).
        foreach (var (_, path, cidr) in ClusterNetworks.Kubernetes(spec))
        {
            yield return (path, cidr);
        }

        var policy = spec.Networking.Policy;
        yield return (PolicyContract.PlanePolicyPath, PropertyMap.Of(
            ("defaultInterPlane", policy.DefaultInterPlane is { } d ? Text(d) : null),
            ("allow", PropertyValue.Of(policy.Allow.Select(r => (PropertyValue)PropertyMap.Of(
                ("from", r.From), ("to", r.To), ("ports", PropertyValue.Of(r.Ports.Select(p => (PropertyValue)p)))))))));
        var ssh = spec.Security.Ssh;
        yield return (PolicyContract.SshPath, PropertyMap.Of(
            ("allowUsers", PropertyValue.Of(ssh.AllowUsers.Select(u => (PropertyValue)u))),
            ("passwordAuth", ssh.PasswordAuth),
            ("permitRootLogin", ssh.PermitRootLogin)));
        yield return (PolicyContract.EnrollmentModePath, Text(spec.Security.Enrollment.Mode));
        yield return (PolicyContract.JoinWindowPath, spec.Security.Enrollment.JoinWindowMinutes);
        yield return (PolicyContract.BootstrapModelPath, Text(spec.Security.Bootstrap.Model));
        if (spec.Kubernetes.Version is { } kubernetes)
        {
            yield return (PolicyContract.KubernetesVersionPath, kubernetes);
        }

        if (spec.Orchestration.Ansible.Version is { } ansible)
        {
            yield return (PolicyContract.AnsibleVersionPath, ansible);
        }
    }

    /// <summary>An enum value as the spec writes it (its <c>EnumMember</c> value).</summary>
    private static string Text<T>(T value)
        where T : struct, Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? value.ToString();
}
