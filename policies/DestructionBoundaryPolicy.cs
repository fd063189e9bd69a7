using Kubedos.Engine.Policy;

namespace Kubedos.Policies;

/// <summary><c>destruction-boundary</c>: destroying a machine, its disks or a Kubernetes install needs the spec's explicit flag.</summary>
/// <remarks>
/// The flag is read from the plan's facts after the change, or before it when the facts themselves are
/// being deleted (<c>kubedos destroy</c>). No fact at all means no flag: the boundary fails closed.
/// </remarks>
internal static class DestructionBoundaryPolicy
{
    public const string Id = "destruction-boundary";

    public static Policy Create() => new PlanValidationPolicy(
        Id,
        "Deleting or replacing a substrate node or volume needs spec.substrate.allowDestroy; wipe and repartition need the converge safety flags; a Kubernetes reset needs kubernetes.allowReset.",
        EnforcementLevel.Mandatory,
        (args, report) => Validate(args.Steps, report))
    {
        Remediation = "If the destruction is intended, set the named flag to true in the ClusterSpec for this change (and back afterwards); otherwise restore the spec so the plan keeps the resource.",
    };

    private static void Validate(IReadOnlyList<PolicyStep> steps, PolicyReport report)
    {
        var after = SpecFactSet.From(steps, after: true);
        var before = SpecFactSet.From(steps, after: false);
        bool? Flag(string path) => after.UrnOf(path) is not null ? after.Bool(path) : before.Bool(path);
        bool Allowed(string path) => Flag(path) == true;

        void Refuse(PolicyStep step, string operation, string path)
        {
            var at = after.UrnOf(path) ?? before.UrnOf(path);
            var state = Flag(path) is false ? "it is false" : at is null ? "the program registers no such fact" : "it is not true";
            report.Violation($"{operation} of {step.Urn} needs {path}: true ({state})", at ?? step.Urn);
        }

        foreach (var step in steps)
        {
            var destroys = step.Op is PolicyStepOp.Delete or PolicyStepOp.Replace;
            var runs = step.Op is PolicyStepOp.Create or PolicyStepOp.Update or PolicyStepOp.Replace;
            if (destroys && (PolicyContract.NodeTypes.Contains(step.Type) || PolicyContract.VolumeTypes.Contains(step.Type)) && !Allowed(PolicyContract.AllowDestroyPath))
            {
                Refuse(step, Operation(step.Op), PolicyContract.AllowDestroyPath);
            }
            else if (runs && step.Type == PolicyContract.KubernetesResetType && !Allowed(PolicyContract.AllowResetPath))
            {
                Refuse(step, "kubernetes reset", PolicyContract.AllowResetPath);
            }
            else if (runs && step.Type == PolicyContract.DiskOperationType)
            {
                switch (PolicyValues.String(step.NewInputs, "operation"))
                {
                    case "wipe" when !Allowed(PolicyContract.AllowWipePath):
                        Refuse(step, "wipe", PolicyContract.AllowWipePath);
                        break;
                    case "repartition" when !Allowed(PolicyContract.AllowRepartitionPath):
                        Refuse(step, "repartition", PolicyContract.AllowRepartitionPath);
                        break;
                    case null or "wipe" or "repartition":
                        break;
                    case var other:
                        report.Violation($"disk operation '{other}' of {step.Urn} is neither wipe nor repartition, so no flag can allow it", step.Urn);
                        break;
                }
            }
        }
    }

    private static string Operation(PolicyStepOp op) => op == PolicyStepOp.Delete ? "delete" : "replace";
}
