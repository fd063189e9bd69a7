using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>The substrate block matching the type is present, and no block of another type is.</summary>
internal sealed class SubstrateVariantRule : ISpecRule
{
    public string Id => "substrate-variant";

    public string Summary => "spec.substrate carries the settings block of its type (proxmox, aws, baremetal) and no other.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var substrate = document.Spec.Substrate;
        var blocks = new (string Name, SubstrateType Type, object? Block)[]
        {
            ("local", SubstrateType.Local, substrate.Local),
            ("proxmox", SubstrateType.Proxmox, substrate.Proxmox),
            ("aws", SubstrateType.Aws, substrate.Aws),
            ("baremetal", SubstrateType.Baremetal, substrate.Baremetal),
        };
        foreach (var (name, type, block) in blocks)
        {
            // The local substrate has working defaults; every remote one needs its settings.
            if (type == substrate.Type && block is null && type != SubstrateType.Local)
            {
                yield return new SpecFinding("spec.substrate.type", $"substrate type '{name}' needs a 'spec.substrate.{name}' block");
            }
            else if (type != substrate.Type && block is not null)
            {
                yield return new SpecFinding($"spec.substrate.{name}", $"'spec.substrate.{name}' is set but the substrate type is '{Name(substrate.Type)}'");
            }
        }
    }

    private static string Name(SubstrateType type) => type.ToString().ToLowerInvariant();
}
