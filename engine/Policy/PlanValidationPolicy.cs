namespace Kubedos.Engine.Policy;

/// <summary>A policy over the planned steps (Kubedos's addition to CrossGuard): it can forbid a delete or a replace.</summary>
public sealed class PlanValidationPolicy : Policy
{
    private readonly Action<PlanValidationArgs, PolicyReport> validate;

    /// <summary>A policy that runs <paramref name="validate"/> once per operation on the whole plan.</summary>
    public PlanValidationPolicy(string name, string description, EnforcementLevel enforcementLevel, Action<PlanValidationArgs, PolicyReport> validate)
        : base(name, description, enforcementLevel)
    {
        this.validate = validate ?? throw new ArgumentNullException(nameof(validate));
    }

    internal void Validate(PlanValidationArgs args, PolicyReport report) => validate(args, report);
}
