using System.Collections.Immutable;

namespace Kubedos.Engine.Policy;

/// <summary>A policy over one resource at a time (its type, name, URN and inputs).</summary>
/// <example>
/// <code>
/// new ResourceValidationPolicy("key-size", "RSA keys have at least 3072 bits", EnforcementLevel.Mandatory,
///     (args, report) => { if (args.Resource.Inputs["rsaBits"].AsNumber() &lt; 3072) report.Violation("rsaBits is below 3072"); })
/// { ResourceTypes = ["tls:index:PrivateKey"], Remediation = "set rsaBits: 3072 or more" };
/// </code>
/// </example>
public sealed class ResourceValidationPolicy : Policy
{
    private readonly Action<ResourceValidationArgs, PolicyReport> validate;

    /// <summary>A policy that runs <paramref name="validate"/> on every resource (of <see cref="ResourceTypes"/>, when set).</summary>
    public ResourceValidationPolicy(string name, string description, EnforcementLevel enforcementLevel, Action<ResourceValidationArgs, PolicyReport> validate)
        : base(name, description, enforcementLevel)
    {
        this.validate = validate ?? throw new ArgumentNullException(nameof(validate));
    }

    /// <summary>The type tokens this policy validates; empty means every type.</summary>
    public ImmutableArray<string> ResourceTypes { get; init; } = [];

    internal bool Applies(PolicyResource resource) =>
        ResourceTypes.IsDefaultOrEmpty || ResourceTypes.Contains(resource.Type, StringComparer.Ordinal);

    internal void Validate(ResourceValidationArgs args, PolicyReport report) => validate(args, report);
}
